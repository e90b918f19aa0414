internal import TriageEvalProviders

/// The engine's per-request timeout: a backstop behind the provider's own, so a stalled or
/// trickling connection cannot hold a concurrency slot longer than `timeout_s`.
enum Deadline {
    /// Runs `operation`, cancelling it and throwing a retryable `timeout` error after `seconds`.
    static func run<T: Sendable>(
        seconds: Double, _ operation: @escaping @Sendable () async throws(ProviderError) -> T
    ) async throws(ProviderError) -> T {
        let result = await withTaskGroup(of: Result<T, ProviderError>?.self) { group in
            group.addTask {
                do throws(ProviderError) {
                    return .success(try await operation())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: .seconds(seconds))
                } catch {
                    return nil
                }
                return .failure(ProviderError(.timeout, "no answer within \(seconds.formatted)s (timeout_s)", retryable: true))
            }
            while let next = await group.next() {
                if let next {
                    group.cancelAll()
                    return next
                }
            }
            return Result<T, ProviderError>.failure(ProviderError(.transport, "cancelled"))
        }
        return try result.get()
    }
}

extension Double {
    /// The number without a trailing `.0` (`60`, `0.5`).
    var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
