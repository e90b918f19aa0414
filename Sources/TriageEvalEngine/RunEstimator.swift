internal import TriageEval
public import TriageEvalStore
internal import TriageEvalProviders

/// Computes a ``RunEstimate`` without sending anything or writing results: renders every pending
/// evaluation, looks its cache key up, and prices the calls left (a batching model's calls are its
/// requests: ⌈misses / batch size⌉).
public struct RunEstimator: Sendable {
    public var store: Store
    public var plan: RunPlan
    /// Items already answered (`--resume`): not counted.
    public var skip: Set<ResultKey>
    /// The run the skip keys belong to (0 for a new run).
    public var runID: Int64
    public var useCache: Bool
    /// `--batch-api`: models with a batch API are priced at their batch price (as are `batch_api: true` models).
    public var batchAPI: Bool

    public init(store: Store, plan: RunPlan, runID: Int64 = 0, skip: Set<ResultKey> = [], useCache: Bool = true, batchAPI: Bool = false) {
        self.batchAPI = batchAPI
        self.store = store
        self.plan = plan
        self.runID = runID
        self.skip = skip
        self.useCache = useCache
    }

    public func estimate() async throws -> RunEstimate {
        // Rendering walks the cases in plan order, prompt by prompt: a window of decoded chunks serves it.
        let window = CaseWindow(store: store, cases: plan.cases, models: 1)
        var models: [RunEstimate.Model] = []
        for (modelIndex, model) in plan.models.enumerated() {
            let config = model.config
            var estimate = RunEstimate.Model(id: config.id, live: !config.provider.isOffline, priced: config.price != nil)
            var keys: [(cacheKey: String, inputTokens: Int)] = []
            for (promptIndex, accepted) in plan.judged.enumerated() {
                for entry in accepted {
                    for call in 0..<entry.count {
                        let item = RunPlan.Item(prompt: promptIndex, model: modelIndex, caseIndex: entry.caseIndex, call: call, sample: 0)
                        let samples = (0..<plan.samples).filter { sample in
                            var sampled = item
                            sampled.sample = sample
                            return !skip.contains(plan.key(sampled, run: runID))
                        }
                        guard !samples.isEmpty else { continue }
                        estimate.evaluations += samples.count
                        if plan.cases[entry.caseIndex].isVariant { estimate.variantEvaluations += samples.count }
                        guard estimate.live else { continue }
                        let decoded = try await window.chunk(holding: entry.caseIndex)[entry.caseIndex]
                        // A case the prompt cannot render is recorded as an error by the run: nothing to price.
                        guard let prompted = try? plan.call(item, decoded: decoded) else { continue }
                        let tokens = CostEstimate.inputTokens((prompted.system ?? "") + prompted.text)
                        for sample in samples {
                            keys.append((CacheKey.make(
                                model: config, prompt: prompted.text, system: prompted.system,
                                schema: plan.prompts[promptIndex].version.schema(sentBy: config), sample: sample
                            ), tokens))
                        }
                    }
                }
            }
            let hits = useCache ? try await store.cachedKeys(keys.map(\.cacheKey)) : []
            var misses = 0
            for key in keys {
                if hits.contains(key.cacheKey) {
                    estimate.cacheHits += 1
                } else {
                    misses += 1
                    estimate.inputTokens += key.inputTokens
                    estimate.outputTokens += CostEstimate.outputTokens(config)
                }
            }
            let batch = config.provider.hasBatchAPI && (batchAPI || config.batchAPI == true)
            // Through a batch API, one request submits up to the provider's batch size.
            let batchSize = batch ? BatchJobs.make(for: model.provider)?.maxRequestsPerBatch ?? 1 : model.requestBatchSize
            estimate.calls = (misses + batchSize - 1) / batchSize
            estimate.costUSD = CostEstimate.usd(config, inputTokens: estimate.inputTokens, outputTokens: estimate.outputTokens, batch: batch)
            models.append(estimate)
        }
        return RunEstimate(models: models)
    }
}
