internal import Synchronization
internal import TriageEval

/// Decides, per model-route request, whether and which fault to inject: a seeded, deterministic
/// sequence (`--seed`), so a failing test or benchmark replays the same faults in the same order.
final class FaultInjector: Sendable {
    /// One request's fate.
    struct Decision: Sendable, Equatable {
        var fault: Fault?
        /// For a 429: the `retry-after` value to send, or nil for a 429 without the header.
        var retryAfter: String?
    }

    private struct State {
        var generator: SplitMix64
        var rateLimitsSent = 0
    }

    private let rate: Double
    private let faults: [Fault]
    private let retryAfter: String
    private let state: Mutex<State>

    init(rate: Double, faults: [Fault], seed: UInt64, retryAfter: String) {
        self.rate = rate
        self.faults = faults
        self.retryAfter = retryAfter
        self.state = Mutex(State(generator: SplitMix64(seed: seed)))
    }

    /// The next request's decision.
    func next() -> Decision {
        guard rate > 0, !faults.isEmpty else { return Decision() }
        return state.withLock { state in
            let roll = Double(state.generator.next() >> 11) * 0x1.0p-53
            guard roll < rate else { return Decision() }
            let fault = faults[state.generator.index(below: faults.count)]
            guard fault == .rateLimited else { return Decision(fault: fault) }
            state.rateLimitsSent += 1
            return Decision(fault: fault, retryAfter: state.rateLimitsSent % 2 == 1 ? retryAfter : nil)
        }
    }
}
