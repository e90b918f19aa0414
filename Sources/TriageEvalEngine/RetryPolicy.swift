public import TriageEvalProviders

/// The one retry layer: retry what can succeed later, with exponential backoff and
/// jitter, honoring a server's retry-after; never retry auth, bad requests or quota errors.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt; 0 means exactly one attempt.
    public var maxRetries: Int
    /// First backoff, in seconds.
    public var baseDelay: Double
    /// Longest single wait, in seconds.
    public var maxDelay: Double

    public init(maxRetries: Int, baseDelay: Double = 0.5, maxDelay: Double = 30) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before retry number `attempt` (1-based) after `error`, or nil to give up.
    public func delay(after error: ProviderError, attempt: Int) -> Double? {
        guard error.retryable, attempt <= maxRetries else { return nil }
        if let hint = error.retryAfter { return min(hint, maxDelay) }
        let exponential = baseDelay * Double(1 << min(attempt - 1, 16))
        return min(maxDelay, exponential * Double.random(in: 0.5...1.0))
    }

    /// Calls `operation` until it succeeds or the policy gives up; `onRetry` hears each error
    /// that will be retried, the retry number and the wait in seconds.
    public func run<T: Sendable>(
        onRetry: (ProviderError, _ retry: Int, _ wait: Double) -> Void = { _, _, _ in },
        _ operation: () async throws(ProviderError) -> T
    ) async throws(ProviderError) -> T {
        var attempt = 0
        while true {
            do {
                return try await operation()
            } catch {
                attempt += 1
                guard let wait = delay(after: error, attempt: attempt) else { throw error }
                onRetry(error, attempt, wait)
                try? await Task.sleep(for: .seconds(wait))
                if Task.isCancelled { throw ProviderError(.transport, "cancelled") }
            }
        }
    }
}
