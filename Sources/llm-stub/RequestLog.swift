internal import Synchronization
/// The last ``capacity`` model-route requests, oldest first: provider tests check method, path,
/// headers and body through `GET /requests`.
final class RequestLog: Sendable {
    static let capacity = 200

    private let ring = Mutex<(entries: [RecordedRequest?], next: Int, count: Int)>(
        (Array(repeating: nil, count: RequestLog.capacity), 0, 0)
    )

    func record(_ request: RecordedRequest) {
        ring.withLock { ring in
            ring.entries[ring.next] = request
            ring.next = (ring.next + 1) % Self.capacity
            ring.count = min(ring.count + 1, Self.capacity)
        }
    }

    func reset() {
        ring.withLock { $0 = (Array(repeating: nil, count: Self.capacity), 0, 0) }
    }

    /// The recorded requests, oldest first, as a JSON array.
    var json: JSONOut {
        let entries = ring.withLock { ring in
            let start = (ring.next - ring.count + Self.capacity) % Self.capacity
            return (0..<ring.count).compactMap { ring.entries[(start + $0) % Self.capacity] }
        }
        return .array(entries.map(\.json))
    }
}
