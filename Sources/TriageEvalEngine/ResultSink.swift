internal import Foundation
public import TriageEval
internal import TriageEvalStore

/// Collects finished evaluations and writes them to the store in batched transactions (results and
/// their cache entries together), when a batch is full and on a timer, so a killed run loses at most
/// the last second's or batch's results, and a resumed one redoes only those.
///
/// A write that fails is never dropped: its results stay pending while it is retried (another process
/// holding the store's lock) for up to ``writePatience`` seconds; after that, or at once for a failure no
/// retry can fix (disk full, read-only), the sink fails for good and every later call throws
/// ``ResultWriteFailure`` — the run stops and says how many answered results are not stored.
actor ResultSink {
    /// Counts after an evaluation was added, for the progress line.
    struct Snapshot {
        var done: Int
        var errors: Int
        var cacheHits: Int
    }

    let store: Store
    let batchSize: Int
    let writePatience: Double
    private var pending: [(ResultKey, Evaluation)] = []
    private var pendingCache: [(key: String, response: CachedResponse)] = []
    private var writing: Task<Void, any Error>?
    private var failure: (any Error)?
    private(set) var counters = RunCounters()
    private(set) var done = 0

    init(store: Store, batchSize: Int = 64, writePatience: Double = 60) {
        self.store = store
        self.batchSize = batchSize
        self.writePatience = writePatience
    }

    /// Results recorded but not (yet) written.
    var unstored: Int { pending.count }

    /// Records one result (and its cache entry); flushes when the batch is full.
    @discardableResult
    func add(_ key: ResultKey, _ evaluation: Evaluation, cacheKey: String?, calledProvider: Bool, model: ModelConfig, batch: Bool = false) async throws -> Snapshot {
        pending.append((key, evaluation))
        done += 1
        counters.add(evaluation, live: calledProvider, price: model.price, batch: batch)
        if let cacheKey, !evaluation.cached, !evaluation.isError, let response = evaluation.response,
            !response.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, evaluation.strict?.status != .refused
        {
            pendingCache.append((cacheKey, CachedResponse(response: response, inputTokens: evaluation.inputTokens, outputTokens: evaluation.outputTokens)))
        }
        let snapshot = Snapshot(done: done, errors: counters.errors, cacheHits: counters.cacheHits)
        if let failure { throw failure }
        if pending.count >= batchSize { try await flush() }
        return snapshot
    }

    /// Writes whatever is pending, one transaction per batch taken; returns when it is all written.
    func flush() async throws {
        while true {
            if let failure { throw failure }
            if let writing {
                // Another caller's write is in progress: wait for it (it settles `pending` before it ends), then
                // write what came since.
                _ = try? await writing.value
                continue
            }
            guard !pending.isEmpty || !pendingCache.isEmpty else { return }
            let results = pending
            let cache = pendingCache
            // A task of its own: the write must not see the caller's cancellation (the timer's is cancelled
            // when the run ends, the run's by Ctrl-C), or a batch would be lost.
            let task = Task { [store, writePatience] in
                do {
                    try await Self.save(results, cache: cache, to: store, patience: writePatience)
                    self.written(results: results.count, cache: cache.count)
                } catch {
                    self.failed(error)
                    throw error
                }
            }
            writing = task
            try await task.value
        }
    }

    private func written(results: Int, cache: Int) {
        pending.removeFirst(results)
        pendingCache.removeFirst(cache)
        writing = nil
    }

    private func failed(_ error: any Error) {
        failure = error
        writing = nil
    }

    /// One batch, retried with backoff while the store is locked by another connection.
    private static func save(
        _ results: [(ResultKey, Evaluation)], cache: [(key: String, response: CachedResponse)], to store: Store, patience: Double
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(patience)
        var delay = 0.05
        while true {
            do {
                return try await store.saveResults(results, cache: cache)
            } catch let error as StoreError where error.transient && ContinuousClock.now + .seconds(delay) < deadline {
                try? await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 1)
            }
        }
    }
}

/// Answered results could not be written: the run stopped (exit 4); `--resume` redoes exactly those.
public struct ResultWriteFailure: ClassifiedError, Sendable {
    public var runID: Int64
    /// Evaluations done in this session whose results are not in the store.
    public var unstored: Int
    /// Why the last write failed (names the store).
    public var reason: String

    public var description: String {
        "run \(runID) stopped: \(unstored) finished evaluation\(unstored == 1 ? "" : "s") could not be stored — \(reason); "
            + "once the store is writable again, `triage-eval run --resume \(runID)` redoes \(unstored == 1 ? "it" : "them") and the rest"
    }

    public var exitStatus: ExitStatus { .failure }
}
