internal import Synchronization
/// `--max-cost`: every call reserves its worst-case cost before it is sent; once spent plus
/// reserved would exceed the limit, the budget closes and no further call starts (any model).
final class CostBudget: Sendable {
    struct State {
        var spent = 0.0
        var reserved = 0.0
        var closed = false
        var notStarted = 0
    }

    /// The limit in USD; nil means unlimited.
    let limit: Double?
    private let state = Mutex(State())

    init(limit: Double?) {
        self.limit = limit
    }

    /// Whether the budget has closed.
    var isClosed: Bool { state.withLock { $0.closed } }

    /// USD spent so far: settled calls at their reported tokens (at their reservation when the API reported none).
    var spent: Double { state.withLock { $0.spent } }

    /// USD reserved by calls still under way.
    var reserved: Double { state.withLock { $0.reserved } }

    /// Evaluations left out because the budget closed.
    var notStarted: Int { state.withLock { $0.notStarted } }

    enum Reservation: Equatable {
        case granted
        /// Refused; `closedNow` is true for the refusal that closed the budget.
        case refused(closedNow: Bool)
    }

    /// Reserves `estimate`, or refuses (and closes the budget) when it would exceed the limit.
    func reserve(_ estimate: Double) -> Reservation {
        state.withLock { state in
            if state.closed { return .refused(closedNow: false) }
            if let limit, state.spent + state.reserved + estimate > limit {
                state.closed = true
                return .refused(closedNow: true)
            }
            state.reserved += estimate
            return .granted
        }
    }

    /// Holds reservations made by an earlier process (the items of provider batches still open), whatever the
    /// limit: they were granted when submitted and are settled when collected.
    func hold(_ reserved: Double) {
        state.withLock { $0.reserved += reserved }
    }

    /// Replaces a reservation by what the call actually cost.
    func settle(reserved: Double, actual: Double) {
        state.withLock { state in
            state.reserved -= reserved
            state.spent += actual
        }
    }

    /// Counts evaluations that will not start.
    func leaveOut(_ count: Int) {
        state.withLock { $0.notStarted += count }
    }
}
