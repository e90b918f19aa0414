public import TriageEvalStore

/// What one execution of a run did.
public struct RunOutcome: Sendable {
    public var counters: RunCounters
    /// API requests this session sent, first attempts only: `counters.calls` for one prompt per request,
    /// fewer when a model batches (`esql-completion`).
    public var requests: Int
    /// Evaluations recorded in this session (answers, cache hits and errors).
    public var evaluated: Int
    /// USD this session spent as `--max-cost` counts it: the session's `counters.costUSD`, plus each answer that
    /// reported no tokens at its reserved worst case (`counters.callsWithoutTokens` of them).
    public var spentUSD: Double
    /// Evaluations not started because `--max-cost` was reached (left missing; `--resume` does them).
    public var notStarted: Int
    /// Models whose circuit breaker opened, with the reason.
    public var openCircuits: [String: String]
    /// Seconds spent executing (rendering, calls, parsing, writing), without planning and reports.
    public var elapsed: Double
    /// Stopped by cancellation (Ctrl-C, SIGTERM) before every pending item was done.
    public var interrupted: Bool
}
