internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// Collects finished evaluations and writes them to the store in batched transactions (results and
/// their cache entries together), when a batch is full and on a timer, so a killed run loses at most
/// the last second's or batch's results, and a resumed one redoes only those.
actor ResultSink {
    /// Counts after an evaluation was added, for the progress line.
    struct Snapshot {
        var done: Int
        var errors: Int
        var cacheHits: Int
    }

    let store: Store
    let batchSize: Int
    private var pending: [(ResultKey, Evaluation)] = []
    private var pendingCache: [(key: String, response: CachedResponse)] = []
    private(set) var counters = RunCounters()
    private(set) var done = 0

    init(store: Store, batchSize: Int = 64) {
        self.store = store
        self.batchSize = batchSize
    }

    /// Records one result (and its cache entry); flushes when the batch is full.
    @discardableResult
    func add(_ key: ResultKey, _ evaluation: Evaluation, cacheKey: String?, calledProvider: Bool, model: ModelConfig) async throws -> Snapshot {
        pending.append((key, evaluation))
        done += 1
        counters.add(evaluation, live: calledProvider, price: model.price)
        if let cacheKey, !evaluation.cached, !evaluation.isError, let response = evaluation.response,
            !response.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, evaluation.strict?.status != .refused
        {
            pendingCache.append((cacheKey, CachedResponse(response: response, inputTokens: evaluation.inputTokens, outputTokens: evaluation.outputTokens)))
        }
        let snapshot = Snapshot(done: done, errors: counters.errors, cacheHits: counters.cacheHits)
        if pending.count >= batchSize { try await flush() }
        return snapshot
    }

    /// Writes whatever is pending, in one transaction.
    func flush() async throws {
        guard !pending.isEmpty || !pendingCache.isEmpty else { return }
        let results = pending
        let cache = pendingCache
        pending.removeAll(keepingCapacity: true)
        pendingCache.removeAll(keepingCapacity: true)
        // A task of its own: the write must not see the caller's cancellation (the timer's is
        // cancelled when the run ends), or a batch taken from `pending` would be dropped.
        try await Task { [store] in try await store.saveResults(results, cache: cache) }.value
    }
}
