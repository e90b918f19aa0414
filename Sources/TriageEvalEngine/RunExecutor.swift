internal import Synchronization
public import Logging
internal import TriageEval
internal import TriageEvalProviders
public import TriageEvalStore

/// Executes a ``RunPlan``: every model concurrently, each bounded by its own `concurrency` (and
/// `rpm`), each result written to the store as it completes, in batched transactions. A model whose
/// provider batches (`esql-completion`) sends up to `batch_size` items per request.
///
/// Memory stays flat as the plan grows: prompts are rendered per evaluation, not ahead of time.
public struct RunExecutor: Sendable {
    public var store: Store
    public var plan: RunPlan
    public var runID: Int64
    /// Answer from the response cache when possible (live providers only; offline answers are not
    /// cached). Fresh answers are written to the cache either way.
    public var useCache: Bool
    /// Items already answered in this run (`--resume`): skipped.
    public var skip: Set<ResultKey>
    /// `--max-cost`: no call starts once spent plus in-flight worst cases would exceed it (USD).
    public var maxCostUSD: Double?
    /// Pending results are written at least this often (seconds), besides every full batch.
    public var flushInterval: Double
    /// How long a write keeps being retried while another process holds the store's lock (seconds).
    public var writePatience: Double
    public var logger: Logger
    /// `run --batch-api`: every model whose provider has a batch API sends through it (others: `batch_api: true`).
    public var batchAPI: Bool
    public var batchPolling: BatchPolling
    public var report: @Sendable (RunEvent) -> Void

    public init(
        store: Store, plan: RunPlan, runID: Int64, useCache: Bool = true, skip: Set<ResultKey> = [], maxCostUSD: Double? = nil,
        flushInterval: Double = 1, writePatience: Double = 60, logger: Logger = Logger(label: "triage-eval", factory: { _ in SwiftLogNoOpLogHandler() }),
        batchAPI: Bool = false, batchPolling: BatchPolling = BatchPolling(), report: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) {
        self.batchAPI = batchAPI
        self.batchPolling = batchPolling
        self.store = store
        self.plan = plan
        self.runID = runID
        self.useCache = useCache
        self.skip = skip
        self.maxCostUSD = maxCostUSD
        self.flushInterval = flushInterval
        self.writePatience = writePatience
        self.logger = logger
        self.report = report
    }

    /// Shared state of one execution.
    final class Context: Sendable {
        let sink: ResultSink
        let budget: CostBudget
        /// Where items find their decoded case.
        let window: CaseWindow
        let start: ContinuousClock.Instant
        let total: Int
        /// API requests sent (first attempts; a batch is one request).
        let requests = Mutex(0)

        init(sink: ResultSink, budget: CostBudget, window: CaseWindow, start: ContinuousClock.Instant, total: Int) {
            self.sink = sink
            self.budget = budget
            self.window = window
            self.start = start
            self.total = total
        }
    }

    /// Runs every pending item; returns what this session did. When the calling task is cancelled (Ctrl-C), no
    /// further call starts, calls in flight are abandoned (their items stay missing, not errors), what was
    /// answered is written, and the outcome says `interrupted`. Throws ``ResultWriteFailure`` when answered
    /// results could not be written.
    public func execute() async throws -> RunOutcome {
        let pendingByModel = plan.models.indices.map { plan.items(model: $0).skipping(skip, run: runID) }
        let counts = pendingByModel.map(\.count)
        let context = Context(
            sink: ResultSink(store: store, writePatience: writePatience), budget: CostBudget(limit: maxCostUSD),
            window: CaseWindow(store: store, cases: plan.cases, models: plan.models.count), start: .now, total: counts.reduce(0, +)
        )
        let breakers = plan.models.map { CircuitBreaker(threshold: $0.config.circuitBreaker ?? ModelConfig.defaultCircuitBreaker) }
        let flusher = Task { [sink = context.sink, interval = flushInterval, logger] in
            while (try? await Task.sleep(for: .seconds(interval))) != nil {
                // A failure is kept by the sink: the next result recorded stops the run with it.
                do { try await sink.flush() } catch { logger.error("writing results failed: \(error)") }
                // What the calls since freed, given back: glibc's per-thread arenas otherwise keep their free pages
                // resident, and the run's RSS grows with every call though its heap does not.
                Heap.trim()
            }
        }
        defer { flusher.cancel() }

        var stopped: (any Error)?
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (modelIndex, items) in pendingByModel.enumerated() {
                    group.addTask {
                        try await runModel(modelIndex, items: items, count: counts[modelIndex], breaker: breakers[modelIndex], context: context)
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            stopped = error
        }
        // Let a timer flush in progress finish first, then write everything answered, whatever stopped the run.
        flusher.cancel()
        await flusher.value
        do {
            try await context.sink.flush()
        } catch {
            throw ResultWriteFailure(runID: runID, unstored: await context.sink.unstored, reason: String(describing: error))
        }
        let interrupted = Task.isCancelled
        if let stopped, !(interrupted && stopped is CancellationError) { throw stopped }
        var openCircuits: [String: String] = [:]
        for (model, breaker) in zip(plan.models, breakers) {
            if let reason = breaker.openedBy { openCircuits[model.config.id] = reason }
        }
        return RunOutcome(
            counters: await context.sink.counters, requests: context.requests.withLock { $0 }, evaluated: await context.sink.done,
            spentUSD: context.budget.spent, notStarted: context.budget.notStarted, openCircuits: openCircuits,
            elapsed: (ContinuousClock.now - context.start).seconds, interrupted: interrupted
        )
    }

    /// One model's `count` items through a sliding window of `concurrency` tasks, in batches when its provider sends
    /// many prompts per request (``runBatches(_:count:batchSize:call:breaker:context:)``), or through its provider's
    /// batch API (``runBatchAPI(_:items:jobs:call:open:breaker:context:)``) with `--batch-api`, `batch_api: true`, or
    /// batches of this run still open. Items are drawn from the plan as they are scheduled.
    func runModel(_ modelIndex: Int, items: RunPlan.Items, count: Int, breaker: CircuitBreaker, context: Context) async throws {
        let model = plan.models[modelIndex]
        let call = ProviderCall(model: model.config, provider: model.provider, logger: logger)
        if let jobs = BatchJobs.make(for: model.provider) {
            let open = try await store.openBatches(run: runID, model: model.rowID)
            if batchAPI || model.config.batchAPI == true || !open.isEmpty {
                return try await runBatchAPI(modelIndex, items: items, jobs: jobs, call: call, open: open, breaker: breaker, context: context)
            }
        }
        let batchSize = model.requestBatchSize
        if batchSize > 1 {
            return try await runBatches(items, count: count, batchSize: batchSize, call: call, breaker: breaker, context: context)
        }
        let limit = max(1, model.config.concurrency)
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = items.makeIterator()
            var left = count
            func schedule() -> Bool {
                guard !context.budget.isClosed, !Task.isCancelled, let item = pending.next() else { return false }
                left -= 1
                group.addTask {
                    try await evaluate(item, call: call, breaker: breaker, context: context)
                }
                return true
            }
            var open = true
            var started = 0
            while open, started < limit {
                open = schedule()
                started += 1
            }
            while try await group.next() != nil {
                if open { open = schedule() }
            }
            context.budget.leaveOut(left)
        }
    }
}
