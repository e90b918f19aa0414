internal import TriageEval
internal import TriageEvalStore

/// A run of consecutive plan cases decoded from the store: the unit in which planning and execution hold whole
/// cases. While it lives, its cases count in the store's ``StoreInstrumentation/casesHeld``.
final class CaseChunk: Sendable {
    /// Index in the plan's cases of ``cases``' first case.
    let start: Int
    let cases: [TriageCase]
    private let instrumentation: StoreInstrumentation

    /// Cases planned per chunk.
    static let size = 128

    private init(start: Int, cases: [TriageCase], instrumentation: StoreInstrumentation) {
        self.start = start
        self.cases = cases
        self.instrumentation = instrumentation
        instrumentation.holdCases(cases.count)
    }

    deinit { instrumentation.releaseCases(cases.count) }

    /// Decodes the cases `refs[range]`; a revision the store no longer holds is a ``StoreError``.
    static func load(_ range: Range<Int>, of refs: [CaseRef], from store: Store) async throws -> CaseChunk {
        let wanted = refs[range]
        let decoded = try await store.caseRevisions(wanted.map(\.revisionID))
        let cases = try wanted.map { ref in
            guard let stored = decoded[ref.revisionID] else { throw StoreError("the store \(store.path) no longer holds case \(ref.id) (case_revision row \(ref.revisionID))") }
            return stored.item
        }
        return CaseChunk(start: range.lowerBound, cases: cases, instrumentation: store.instrumentation)
    }

    /// The chunks of `refs`, in order.
    static func ranges(of refs: [CaseRef]) -> [Range<Int>] {
        stride(from: 0, to: refs.count, by: size).map { $0..<min($0 + size, refs.count) }
    }

    /// The decoded case at plan index `index` (which this chunk holds).
    subscript(index: Int) -> TriageCase { cases[index - start] }
}

/// The decoded cases an execution renders from: a small window of ``CaseChunk``s, loaded when an item needs a
/// case the window lacks (every item waiting on the same chunk shares one load) and evicted least recently used
/// once more than ``capacity`` chunks are held. Each model's items ask for their own case, so a model never waits
/// for another model's chunk; an evicted chunk stays alive only as long as items in flight still use it.
actor CaseWindow {
    let store: Store
    let cases: [CaseRef]
    /// Chunks held at most (besides those items in flight still use).
    let capacity: Int
    private var loaded: [Int: CaseChunk] = [:]
    private var loading: [Int: Task<CaseChunk, any Error>] = [:]
    private var lastUse: [Int: Int] = [:]
    private var clock = 0

    /// A window for `models` models reading concurrently: two chunks each (the one a model is in and the next).
    init(store: Store, cases: [CaseRef], models: Int) {
        self.store = store
        self.cases = cases
        capacity = 2 * max(1, models)
    }

    /// The chunk holding plan case `index`, loaded if need be.
    func chunk(holding index: Int) async throws -> CaseChunk {
        let number = index / CaseChunk.size
        clock += 1
        lastUse[number] = clock
        if let chunk = loaded[number] { return chunk }
        if let task = loading[number] { return try await task.value }
        let range = (number * CaseChunk.size)..<min((number + 1) * CaseChunk.size, cases.count)
        let task = Task { [store, cases] in try await CaseChunk.load(range, of: cases, from: store) }
        loading[number] = task
        do {
            let chunk = try await task.value
            loading[number] = nil
            loaded[number] = chunk
            evict()
            return chunk
        } catch {
            loading[number] = nil
            throw error
        }
    }

    /// Drops the least recently used chunks beyond ``capacity``.
    private func evict() {
        while loaded.count > capacity, let oldest = loaded.keys.min(by: { lastUse[$0, default: 0] < lastUse[$1, default: 0] }) {
            loaded[oldest] = nil
            lastUse[oldest] = nil
        }
    }
}
