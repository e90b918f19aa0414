/// The wire format (or offline source) behind a configured model.
public enum ProviderKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// Offline: the exception-list baseline detection engineers use today.
    case heuristic
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
    public var isOffline: Bool { self == .heuristic || self == .replay }
}
