/// What the stub reads from a model-route request: the prompt text(s) to answer and the sampling seed.
struct ModelRequest: Sendable {
    /// One prompt per answer expected: one for chat APIs, one per input for Elastic inference,
    /// one per row for ES|QL.
    var prompts: [String]
    /// The system part as the provider's format carries it (chat APIs only); nil when absent.
    var system: String?
    /// An integer `seed` from the request, which picks the replayed sample.
    var seed: Int?
    /// The model named by the request (body or path), echoed in the response.
    var model: String
    /// ES|QL only: the parsed `ROW … | COMPLETION … | KEEP …` query.
    var query: EsqlRowQuery?
    /// The request carries a JSON schema in its format's structured-output shape (checked as the provider
    /// would); the answer then comes in that format's structured shape.
    var structured = false
    /// The forced tool's name (Anthropic, Bedrock), echoed in the `tool_use` block.
    var toolName: String?

    init(prompts: [String], system: String? = nil, seed: Int? = nil, model: String, query: EsqlRowQuery? = nil) {
        self.prompts = prompts
        self.system = system
        self.seed = seed
        self.model = model
        self.query = query
    }
}
