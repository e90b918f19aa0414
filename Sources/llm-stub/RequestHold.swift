internal import Synchronization

/// `--hold-after N`: the first N model requests are answered as usual; later ones wait, unanswered, until
/// `POST /release`. A test can then stop or kill a client mid-run without racing it: the run cannot finish first.
final class RequestHold: Sendable {
    private let limit: Int?
    private let state = Mutex((admitted: 0, released: false))

    init(after limit: Int?) {
        self.limit = limit
    }

    /// Waits while this request is past the limit and the hold is not released.
    func admit() async throws {
        guard let limit else { return }
        let held = state.withLock { state in
            state.admitted += 1
            return state.admitted > limit && !state.released
        }
        guard held else { return }
        while !state.withLock({ $0.released }) {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Answers every held request and every later one.
    func release() {
        state.withLock { $0.released = true }
    }
}
