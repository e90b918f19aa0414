/// What a run would do (`run --dry-run`): calls, cache hits, estimated tokens and cost per model.
public struct RunEstimate: Sendable {
    public struct Model: Sendable {
        public var id: String
        /// Whether the model calls an API (offline models answer locally, free).
        public var live: Bool
        /// Whether the model config has a price.
        public var priced: Bool
        /// Evaluations still to do.
        public var evaluations = 0
        /// Of those, evaluations of robustness variants (`--variants`).
        public var variantEvaluations = 0
        /// Of those, answered from the response cache.
        public var cacheHits = 0
        /// API requests needed (first attempts; retries come on top). A batching model sends up to its
        /// batch size evaluations per request.
        public var calls = 0
        /// Estimated input tokens of those calls (UTF-8 bytes / 4).
        public var inputTokens = 0
        /// Estimated output tokens (`params.max_tokens`, else 64, per call): an upper bound.
        public var outputTokens = 0
        public var costUSD = 0.0
    }

    public var models: [Model]

    public var evaluations: Int { models.reduce(0) { $0 + $1.evaluations } }
    public var variantEvaluations: Int { models.reduce(0) { $0 + $1.variantEvaluations } }
    public var cacheHits: Int { models.reduce(0) { $0 + $1.cacheHits } }
    public var calls: Int { models.reduce(0) { $0 + $1.calls } }
    public var inputTokens: Int { models.reduce(0) { $0 + $1.inputTokens } }
    public var outputTokens: Int { models.reduce(0) { $0 + $1.outputTokens } }
    public var costUSD: Double { models.reduce(0) { $0 + $1.costUSD } }
}
