internal import Synchronization
internal import TriageEvalProviders

/// Stops calling a model after `threshold` consecutive items failed after retries, or at once on a
/// failure every later call would repeat (bad key, billing quota, unknown model, missing setting).
/// An answered item resets the count; a batch request counts once. A threshold of 0 disables the breaker.
final class CircuitBreaker: Sendable {
    /// Causes that no retry and no later item can fix.
    static let fatalCauses: Set<ProviderError.Cause> = [.auth, .quota, .notFound, .configuration]

    struct State {
        var consecutiveFailures = 0
        var openedBy: String?
    }

    let threshold: Int
    private let state = Mutex(State())

    init(threshold: Int) {
        self.threshold = threshold
    }

    /// Why the breaker opened, or nil while it is closed.
    var openedBy: String? { state.withLock { $0.openedBy } }

    func recordSuccess() {
        state.withLock { $0.consecutiveFailures = 0 }
    }

    /// Counts a failed item; returns the reason when this failure opened the breaker (once).
    func recordFailure(_ error: ProviderError) -> String? {
        guard threshold > 0 else { return nil }
        return state.withLock { state in
            state.consecutiveFailures += 1
            guard state.openedBy == nil else { return nil }
            let fatal = Self.fatalCauses.contains(error.cause)
            guard fatal || state.consecutiveFailures >= threshold else { return nil }
            let reason = fatal
                ? "\(error.cause.rawValue.first.map { "aeiou".contains($0) } == true ? "an" : "a") \(error.cause.rawValue) error that every call would repeat (\(error))"
                : "\(state.consecutiveFailures) consecutive failed evaluations (last: \(error))"
            state.openedBy = reason
            return reason
        }
    }
}
