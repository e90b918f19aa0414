public import TriageEval

/// One prompt to complete, with what offline providers need to answer it.
public struct CompletionRequest: Sendable, Hashable {
    /// The rendered prompt: the exact text the model receives (the user message).
    public var prompt: String
    /// The rendered system message; nil when the prompt has no system part.
    public var system: String?
    /// The case being judged (replay looks answers up by it; live providers ignore it).
    public var caseID: String
    /// Repeat index, 0-based.
    public var sample: Int
    /// The answer format the prompt asks for (offline models answer in it).
    public var output: OutputSpec
    /// The prompt version (`ID@VERSION`) the text was rendered from (replay looks answers up by it; nil: unknown).
    public var promptKey: String?
    /// The JSON schema to send with the provider's structured outputs; nil sends none.
    public var schema: ResponseSchema?

    public init(
        prompt: String, system: String? = nil, caseID: String, sample: Int, output: OutputSpec, promptKey: String? = nil,
        schema: ResponseSchema? = nil
    ) {
        self.prompt = prompt
        self.system = system
        self.caseID = caseID
        self.sample = sample
        self.output = output
        self.promptKey = promptKey
        self.schema = schema
    }
}

/// A model's answer.
public struct CompletionResponse: Sendable, Hashable {
    /// The answer text, byte-exact.
    public var text: String
    /// The provider reported a refusal or content filter.
    public var refused: Bool
    public var inputTokens: Int?
    public var outputTokens: Int?

    public init(text: String, refused: Bool = false, inputTokens: Int? = nil, outputTokens: Int? = nil) {
        self.text = text
        self.refused = refused
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}

/// Anything that answers prompts: an offline model or a provider's API.
public protocol ModelProvider: Sendable {
    /// Completes one prompt, or throws a ``ProviderError``.
    func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse
}
