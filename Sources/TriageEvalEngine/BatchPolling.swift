/// How a run waits for provider batches: polls back off from `initial` by `factor` up to `maximum` seconds;
/// an item a batch did not answer (expired, cancelled, a server error) goes into a new batch until it has
/// been in `maxAttempts` batches, then it is recorded as an error (the run ends incomplete, `--resume` redoes it).
public struct BatchPolling: Sendable, Hashable {
    public var initial: Double
    public var maximum: Double
    public var factor: Double
    /// Batches each item may be in before its failure is recorded.
    public var maxAttempts: Int
    /// False (`--no-wait`): submit and return (the run is `submitted`; `triage-eval collect` finishes it); batches
    /// found open (`collect --no-wait`) are polled once, and collected if they ended.
    public var wait: Bool

    public init(initial: Double = 30, maximum: Double = 600, factor: Double = 2, maxAttempts: Int = 3, wait: Bool = true) {
        self.initial = initial
        self.maximum = max(initial, maximum)
        self.factor = max(1, factor)
        self.maxAttempts = max(1, maxAttempts)
        self.wait = wait
    }

    /// The wait after `polls` polls that found batches still running: initial × factor^polls, capped at `maximum`.
    public func delay(after polls: Int) -> Double {
        var delay = initial
        for _ in 0..<polls where delay < maximum { delay *= factor }
        return min(delay, maximum)
    }
}
