internal import Foundation

/// Which wire format a model-route path speaks, and the model it names. Paths are matched segment by
/// segment on the raw path, so `:generateContent` suffixes and percent-encoded model ids route reliably.
struct ModelRoute: Sendable {
    let format: any WireFormat
    /// The model, deployment or inference id from the path, percent-decoded.
    let pathModel: String?

    static let openAI = OpenAIChatFormat(flavor: .openAI)
    static let azure = OpenAIChatFormat(flavor: .azure)
    static let openAIResponses = OpenAIResponsesFormat(flavor: .openAI)
    static let azureResponses = OpenAIResponsesFormat(flavor: .azure)
    static let anthropic = AnthropicMessagesFormat()
    static let bedrock = BedrockConverseFormat()
    static let gemini = GeminiFormat(flavor: .gemini)
    static let vertex = GeminiFormat(flavor: .vertex)
    static let ollama = OllamaChatFormat()
    static let elasticInference = ElasticInferenceFormat()
    static let esql = EsqlQueryFormat()

    private init(_ format: any WireFormat, _ pathModel: Substring? = nil) {
        self.format = format
        self.pathModel = pathModel.map { String($0).removingPercentEncoding ?? String($0) }
    }

    /// The route for a `POST` to `path`, or nil when no model API lives there.
    init?(path: String) {
        let segments = Array(path.split(separator: "/", omittingEmptySubsequences: false).dropFirst())
        func match(_ pattern: String) -> [Substring]? { Self.captures(of: segments, in: pattern) }
        if match("v1/chat/completions") != nil {
            self.init(Self.openAI)
        } else if match("openai/v1/chat/completions") != nil {
            self.init(Self.azure)
        } else if match("v1/responses") != nil {
            self.init(Self.openAIResponses)
        } else if match("openai/v1/responses") != nil || match("openai/responses") != nil {
            self.init(Self.azureResponses)
        } else if let captured = match("openai/deployments/*/chat/completions") {
            self.init(Self.azure, captured[0])
        } else if match("v1/messages") != nil {
            self.init(Self.anthropic)
        } else if let captured = match("model/*/converse") {
            self.init(Self.bedrock, captured[0])
        } else if let captured = match("v1beta/models/*"), let model = Self.generateContentModel(captured[0]) {
            self.init(Self.gemini, model)
        } else if let captured = match("v1/projects/*/locations/*/publishers/google/models/*"),
                  let model = Self.generateContentModel(captured[2]) {
            self.init(Self.vertex, model)
        } else if match("api/chat") != nil {
            self.init(Self.ollama)
        } else if let captured = match("_inference/completion/*") {
            self.init(Self.elasticInference, captured[0])
        } else if match("_query") != nil {
            self.init(Self.esql)
        } else {
            return nil
        }
    }

    /// The segments standing at the pattern's `*`s (each non-empty), or nil when `segments` do not fit it.
    private static func captures(of segments: [Substring], in pattern: String) -> [Substring]? {
        let expected = pattern.split(separator: "/")
        guard segments.count == expected.count else { return nil }
        var captured: [Substring] = []
        for (segment, want) in zip(segments, expected) {
            if want == "*" {
                guard !segment.isEmpty else { return nil }
                captured.append(segment)
            } else if segment != want {
                return nil
            }
        }
        return captured
    }

    /// `gemini-2.5-flash` from `gemini-2.5-flash:generateContent` (the colon may arrive as `%3A`).
    private static func generateContentModel(_ segment: Substring) -> Substring? {
        for suffix in [":generateContent", "%3AgenerateContent", "%3agenerateContent"] where segment.hasSuffix(suffix) {
            let model = segment.dropLast(suffix.count)
            return model.isEmpty ? nil : model
        }
        return nil
    }
}
