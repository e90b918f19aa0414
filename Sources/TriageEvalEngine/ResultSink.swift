internal import Foundation
public import TriageEval
public import TriageEvalStore

/// Collects finished evaluations and writes them to the store in batched transactions,
/// so a killed run loses at most the last unflushed batch, and a resumed one redoes only that.
actor ResultSink {
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
    func add(_ key: ResultKey, _ evaluation: Evaluation, cacheKey: String?, calledProvider: Bool, price: ModelConfig.Price?) async throws {
        pending.append((key, evaluation))
        done += 1
        if calledProvider { counters.calls += 1 }
        if evaluation.cached { counters.cacheHits += 1 }
        if evaluation.isError { counters.errors += 1 }
        if !evaluation.cached {
            counters.inputTokens += evaluation.inputTokens ?? 0
            counters.outputTokens += evaluation.outputTokens ?? 0
            if let price {
                counters.costUSD += Double(evaluation.inputTokens ?? 0) * price.inputPerMTok / 1_000_000
                    + Double(evaluation.outputTokens ?? 0) * price.outputPerMTok / 1_000_000
            }
        }
        if let cacheKey, !evaluation.cached, !evaluation.isError, let response = evaluation.response,
            !response.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, evaluation.strict?.status != .refused
        {
            pendingCache.append((cacheKey, CachedResponse(response: response, inputTokens: evaluation.inputTokens, outputTokens: evaluation.outputTokens)))
        }
        if pending.count >= batchSize { try await flush() }
    }

    /// Writes whatever is pending.
    func flush() async throws {
        guard !pending.isEmpty || !pendingCache.isEmpty else { return }
        let results = pending
        let cache = pendingCache
        pending.removeAll(keepingCapacity: true)
        pendingCache.removeAll(keepingCapacity: true)
        try await store.saveResults(results)
        try await store.cacheResponses(cache)
    }
}
