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
    public init(_ results: [StoredResult], price: ModelConfig.Price?, batchAnswered: Set<ProviderBatch.ResultRef> = []) {
        let spent = results.filter { !$0.evaluation.cached }
        let input = spent.reduce(0) { $0 + ($1.evaluation.inputTokens ?? 0) }
        let output = spent.reduce(0) { $0 + ($1.evaluation.outputTokens ?? 0) }
        inputTokens = input
        outputTokens = output
        let batched = batchAnswered.isEmpty ? [] : spent.filter { batchAnswered.contains(ProviderBatch.ResultRef($0.key)) }
        let batchInput = batched.reduce(0) { $0 + ($1.evaluation.inputTokens ?? 0) }
        let batchOutput = batched.reduce(0) { $0 + ($1.evaluation.outputTokens ?? 0) }
        costUSD = price.map {
            $0.usd(inputTokens: input - batchInput, outputTokens: output - batchOutput) + $0.usd(inputTokens: batchInput, outputTokens: batchOutput, batch: true)
        }
        let latencies = results.filter { !$0.evaluation.cached }.compactMap(\.evaluation.latencyMs).sorted()
        latencyP50Ms = Quantile.linear(sorted: latencies, 0.5)
        latencyP95Ms = Quantile.linear(sorted: latencies, 0.95)
        cached = results.count { $0.evaluation.cached }
    }
}
