internal import TriageEval
internal import TriageEvalProviders
public import TriageEvalStore
internal import Foundation

/// Executes a ``RunPlan``: every model concurrently, each bounded by its own `concurrency`,
/// each result written to the store as it completes (in batched transactions).
public struct RunExecutor: Sendable {
    public var store: Store
    public var plan: RunPlan
    public var runID: Int64
    /// Use and fill the response cache (live providers only; offline answers are not cached).
    public var useCache: Bool
    /// Items already answered in this run (`--resume`): skipped.
    public var skip: Set<ResultKey>
    public var progress: @Sendable (RunProgress) -> Void

    public init(store: Store, plan: RunPlan, runID: Int64, useCache: Bool = true, skip: Set<ResultKey> = [], progress: @escaping @Sendable (RunProgress) -> Void = { _ in }) {
        self.store = store
        self.plan = plan
        self.runID = runID
        self.useCache = useCache
        self.skip = skip
        self.progress = progress
    }

    /// Runs every pending item; returns the counters of this session.
    public func execute() async throws -> RunCounters {
        let rendered = renderAll()
        let sink = ResultSink(store: store)
        let start = ContinuousClock.now
        let pendingByModel = plan.models.indices.map { model in plan.items(model: model).filter { !skip.contains(plan.key($0, run: runID)) } }
        let total = pendingByModel.reduce(0) { $0 + $1.count }

        try await withThrowingTaskGroup(of: Void.self) { group in
            for (modelIndex, items) in pendingByModel.enumerated() {
                group.addTask {
                    try await runModel(modelIndex, items: items, rendered: rendered, sink: sink) {
                        let done = await sink.done
                        let counters = await sink.counters
                        progress(RunProgress(done: done, total: total, errors: counters.errors, cacheHits: counters.cacheHits, elapsed: (ContinuousClock.now - start).seconds))
                    }
                }
            }
            try await group.waitForAll()
        }
        try await sink.flush()
        return await sink.counters
    }

    /// Renders each prompt once per accepted case (shared by every model and sample).
    func renderAll() -> [[Int: String]] {
        zip(plan.prompts, plan.casesByPrompt).map { prompt, caseIndices in
            var texts: [Int: String] = [:]
            for index in caseIndices { texts[index] = prompt.version.render(CaseContext(plan.cases[index].item)) }
            return texts
        }
    }

    func runModel(_ modelIndex: Int, items: [RunPlan.Item], rendered: [[Int: String]], sink: ResultSink, report: @escaping @Sendable () async -> Void) async throws {
        let model = plan.models[modelIndex]
        let limit = max(1, model.config.concurrency)
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func schedule() {
                let item = items[next]
                next += 1
                group.addTask {
                    try await evaluate(item, model: model, prompt: rendered[item.prompt][item.caseIndex] ?? "", sink: sink)
                    await report()
                }
            }
            while next < min(limit, items.count) { schedule() }
            while try await group.next() != nil {
                if next < items.count { schedule() }
            }
        }
    }

    func evaluate(_ item: RunPlan.Item, model: RunPlan.Model, prompt text: String, sink: ResultSink) async throws {
        let prompt = plan.prompts[item.prompt]
        let storedCase = plan.cases[item.caseIndex]
        let key = plan.key(item, run: runID)
        let cacheKey = useCache && !model.config.provider.isOffline ? CacheKey.make(model: model.config, prompt: text, sample: item.sample) : nil

        if let cacheKey, let cached = try await store.cachedResponse(cacheKey) {
            var evaluation = prompt.evaluator.evaluate(cached.response, item: storedCase.item)
            evaluation.cached = true
            evaluation.inputTokens = cached.inputTokens
            evaluation.outputTokens = cached.outputTokens
            try await sink.add(key, evaluation, cacheKey: nil, calledProvider: false, price: model.config.price)
            return
        }

        let request = CompletionRequest(prompt: text, caseID: storedCase.item.id, sample: item.sample, output: prompt.version.output)
        let retry = RetryPolicy(maxRetries: model.config.maxRetries)
        let started = ContinuousClock.now
        var evaluation: Evaluation
        do {
            let response = try await retry.run { () async throws(ProviderError) -> CompletionResponse in
                try await model.provider.complete(request)
            }
            evaluation = prompt.evaluator.evaluate(response.text, refused: response.refused, item: storedCase.item)
            evaluation.inputTokens = response.inputTokens
            evaluation.outputTokens = response.outputTokens
        } catch {
            evaluation = .failed(error.description)
        }
        evaluation.latencyMs = (ContinuousClock.now - started).seconds * 1000
        try await sink.add(key, evaluation, cacheKey: cacheKey, calledProvider: !model.config.provider.isOffline, price: model.config.price)
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
