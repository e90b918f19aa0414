internal import Synchronization
/// Counts of model-route requests by the status sent (`"drop"` for dropped connections), for `GET /stats`.
final class StubStats: Sendable {
    private let counts = Mutex<(requests: Int, byStatus: [String: Int])>((0, [:]))

    /// Counts one answered request under `outcome` (a status code such as `"200"`, or `"drop"`).
    func count(_ outcome: String) {
        counts.withLock { counts in
            counts.requests += 1
            counts.byStatus[outcome, default: 0] += 1
        }
    }

    func reset() {
        counts.withLock { $0 = (0, [:]) }
    }

    /// `{"requests": N, "by_status": {"200": n, …}}`, statuses sorted.
    var json: JSONOut {
        let (requests, byStatus) = counts.withLock { ($0.requests, $0.byStatus) }
        let statuses = byStatus.sorted { $0.key < $1.key }.map { ($0.key, JSONOut.int($0.value)) }
        return .object([("requests", .int(requests)), ("by_status", .object(statuses))])
    }
}
