internal import Foundation
internal import Synchronization

/// One batch the stub accepted: its requests' fates are decided when it is created and revealed when it ends.
struct StubBatch: Sendable {
    /// The fate of one request.
    enum Fate: Sendable {
        /// The single-request success body (the provider's normal answer).
        case answered(JSONOut)
        /// The provider's error for this request alone.
        case failed(StubFailure)
        /// Not processed before the batch expired.
        case expired
    }

    struct Request: Sendable {
        let customID: String
        let fate: Fate
    }

    let id: String
    let created: Date
    let endsAt: Date
    /// Validation errors (OpenAI/Azure lines): the batch fails with them and answers nothing.
    let validationErrors: [String]
    let requests: [Request]
    let inputFileID: String?
    let endpoint: String
    let model: String

    func ended(at now: Date) -> Bool { now >= endsAt }
    var expired: Bool { requests.contains { if case .expired = $0.fate { true } else { false } } }
    var answered: Int { requests.count { if case .answered = $0.fate { true } else { false } } }
    var failed: Int { requests.count - answered }
}

/// The stub's batches and uploaded files (in memory, for the life of the process).
final class StubBatchStore: Sendable {
    private struct State {
        var files: [String: Data] = [:]
        var batches: [String: StubBatch] = [:]
        var created = 0
        var nextID = 0
        var endedAll = false
    }

    private let state = Mutex(State())

    func newID(_ prefix: String) -> String {
        state.withLock {
            $0.nextID += 1
            return "\(prefix)\($0.nextID)"
        }
    }

    func addFile(_ data: Data) -> String {
        let id = newID("file-stub")
        state.withLock { $0.files[id] = data }
        return id
    }

    func file(_ id: String) -> Data? { state.withLock { $0.files[id] } }

    /// The next batch's sequence number (1-based).
    func nextSequence() -> Int {
        state.withLock {
            $0.created += 1
            return $0.created
        }
    }

    /// Ends every batch now, whatever its delay (`POST /batches/end`).
    func endAll() { state.withLock { $0.endedAll = true } }

    var endedAll: Bool { state.withLock { $0.endedAll } }

    func add(_ batch: StubBatch) { state.withLock { $0.batches[batch.id] = batch } }

    func batch(_ id: String) -> StubBatch? { state.withLock { $0.batches[id] } }
}
