public import TriageEval
public import TriageEvalStore

/// What a prompt × model cost: tokens, money and time per answer, in the run counters' terms
/// (``RunCounters``): money actually spent; cached answers cost nothing and are counted apart.
public struct GroupUsage: Sendable, Hashable {
    /// Tokens of the uncached results.
    public var inputTokens: Int
    public var outputTokens: Int
    /// USD of those tokens at the model's recorded price, nil when it has none.
    public var costUSD: Double?
    /// Median and 95th-percentile latency of the calls made (cached answers excluded), nil without any.
    public var latencyP50Ms: Double?
    public var latencyP95Ms: Double?
    /// Answers served from the response cache.
    public var cached: Int

    /// Sums the uncached results' tokens (those in `batchAnswered` priced at the batch price) and reads latency
    /// percentiles of uncached calls.
    public init(_ results: some Collection<StoredResult>, price: ModelConfig.Price?, batchAnswered: Set<ProviderBatch.ResultRef> = []) {
        // One pass, no copies of the results (a group may hold 100,000).
        var input = 0, output = 0, batchInput = 0, batchOutput = 0
        var latencies: [Double] = []
        for result in results where !result.evaluation.cached {
            let evaluation = result.evaluation
            input += evaluation.inputTokens ?? 0
            output += evaluation.outputTokens ?? 0
            if !batchAnswered.isEmpty, batchAnswered.contains(ProviderBatch.ResultRef(result.key)) {
                batchInput += evaluation.inputTokens ?? 0
                batchOutput += evaluation.outputTokens ?? 0
            }
            if let latency = evaluation.latencyMs { latencies.append(latency) }
        }
        inputTokens = input
        outputTokens = output
        costUSD = price.map {
            $0.usd(inputTokens: input - batchInput, outputTokens: output - batchOutput) + $0.usd(inputTokens: batchInput, outputTokens: batchOutput, batch: true)
        }
        latencies.sort()
        latencyP50Ms = Quantile.linear(sorted: latencies, 0.5)
        latencyP95Ms = Quantile.linear(sorted: latencies, 0.95)
        cached = results.count { $0.evaluation.cached }
    }
}
