/// The wire format (or offline source) behind a configured model.
public enum ProviderKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// Offline: the exception-list baseline detection engineers use today.
    case heuristic
    /// Offline: the same baseline with documented weaknesses to variants (benign-looking names, obeyed instructions).
    case heuristicCredulous = "heuristic-credulous"
    /// Offline: answers recorded elsewhere, from a JSONL file.
    case replay
    case openai
    case azureOpenAI = "azure-openai"
    case anthropic
    case bedrock
    case gemini
    case vertex
    case ollama
    case elasticInference = "elastic-inference"
    case esqlCompletion = "esql-completion"

    /// Whether calls leave the machine (and need keys, retries and a cache).
    public var isOffline: Bool { self == .heuristic || self == .heuristicCredulous || self == .replay }
    /// Whether triage-eval can send this provider's prompts through its batch API (`batch_api`, `run --batch-api`).
    public var hasBatchAPI: Bool { [.openai, .azureOpenAI, .anthropic, .gemini].contains(self) }

    /// Whether the API takes one prompt string (no chat roles, so no system message).
    public var takesOnePromptString: Bool { self == .esqlCompletion || self == .elasticInference }

    /// Whether the provider can send a prompt's JSON schema (`structured_output`): every chat API can;
    /// the offline models and the one-prompt-string Elastic APIs cannot.
    public var canSendSchema: Bool { !isOffline && !takesOnePromptString }

    /// Rows one ES|QL `COMPLETION` may run over.
    public static let esqlCompletionRowLimit = 100

    /// The most prompts one request can carry (`batch_size`'s upper bound and default); nil when the
    /// provider answers one prompt per request.
    public var maxBatchSize: Int? { self == .esqlCompletion ? Self.esqlCompletionRowLimit : nil }
}
