/// A per-model requests-per-minute limit: a token bucket holding at most one second's worth of
/// requests (at least one), refilled continuously. Every attempt, retries included, takes a token.
public actor RateLimiter {
    /// Time between two requests at the sustained rate.
    let interval: Duration
    /// How far ahead of the sustained rate a burst may run.
    let tolerance: Duration
    /// The theoretical arrival time of the next request (GCRA form of the token bucket).
    private var next: ContinuousClock.Instant

    /// - Parameters:
    ///   - rpm: sustained requests per minute (≥ 1).
    ///   - burst: requests allowed at once; default one second's worth.
    public init(rpm: Int, burst: Int? = nil) {
        let rate = max(1, rpm)
        interval = .seconds(60.0 / Double(rate))
        tolerance = interval * (max(1, burst ?? rate / 60) - 1)
        next = .now
    }

    /// Reserves the next slot at `now` and returns how long the caller must wait for it.
    func reserve(at now: ContinuousClock.Instant = .now) -> Duration {
        let arrival = max(next, now)
        next = arrival + interval
        let allowedAt = arrival - tolerance
        return allowedAt > now ? allowedAt - now : .zero
    }

    /// Waits until a request may be sent.
    public func acquire() async {
        let wait = reserve()
        if wait > .zero { try? await Task.sleep(for: wait) }
    }
}
