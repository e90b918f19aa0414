public import TriageEval

/// Anthropic Messages API.
public struct AnthropicProvider: HTTPModelProvider {
    public static let defaultBaseURL = "https://api.anthropic.com"
    public static let apiVersion = "2023-06-01"
    /// `max_tokens` is required by the API; used when `params.max_tokens` is not set.
    public static let defaultMaxTokens = 256

    public let transport: any HTTPTransport
    let endpoint: Endpoint
    let model: String
    let apiKey: Secret
    let params: ModelConfig.Parameters

    public init(transport: any HTTPTransport, baseURL: String = Self.defaultBaseURL, model: String, apiKey: Secret, params: ModelConfig.Parameters) {
        self.transport = transport
        self.endpoint = Endpoint(base: baseURL)
        self.model = model
        self.apiKey = apiKey
        self.params = params
    }

    struct Body: Encodable {
        struct Message: Encodable {
            let role: String
            let content: String
        }
        let model: String
        let maxTokens: Int
        /// The system part: top-level, not a message.
        let system: String?
        let messages: [Message]
        let temperature: Double?
        let topP: Double?
        /// Structured output: one tool taking the prompt's schema, forced (``AnthropicStructuredOutput``).
        var tools: [AnthropicStructuredOutput.Tool]? = nil
        var toolChoice: AnthropicStructuredOutput.ToolChoice? = nil

        enum CodingKeys: String, CodingKey {
            case model, system, messages, temperature, tools
            case toolChoice = "tool_choice"
            case maxTokens = "max_tokens"
            case topP = "top_p"
        }
    }

    struct Response: Decodable {
        struct Block: Decodable {
            let type: String
            let text: String?
        }
        struct Usage: Decodable {
            let inputTokens: Int?
            let outputTokens: Int?
            let cacheCreationInputTokens: Int?
            let cacheReadInputTokens: Int?
            enum CodingKeys: String, CodingKey {
                case inputTokens = "input_tokens"
                case outputTokens = "output_tokens"
                case cacheCreationInputTokens = "cache_creation_input_tokens"
                case cacheReadInputTokens = "cache_read_input_tokens"
            }
        }
        let content: [Block]?
        let stopReason: String?
        let usage: Usage?
        enum CodingKeys: String, CodingKey {
            case content, usage
            case stopReason = "stop_reason"
        }
    }

    struct ErrorBody: Decodable {
        struct Inner: Decodable {
            struct Details: Decodable {
                let errorCode: String?
                enum CodingKeys: String, CodingKey { case errorCode = "error_code" }
            }
            let type: String?
            let message: String?
            let details: Details?
        }
        let error: Inner?
    }

    /// Seed is not part of the Messages API.
    public func httpRequest(for request: CompletionRequest) throws(ProviderError) -> HTTPRequest {
        let headers = [
            HTTPHeader("Content-Type", "application/json"), HTTPHeader("x-api-key", apiKey.value),
            HTTPHeader("anthropic-version", Self.apiVersion),
        ]
        let body = Body(
            model: model, maxTokens: params.maxTokens ?? Self.defaultMaxTokens, system: request.system,
            messages: [Body.Message(role: "user", content: request.prompt)], temperature: params.temperature, topP: params.topP,
            tools: AnthropicStructuredOutput.tools(request.schema), toolChoice: AnthropicStructuredOutput.toolChoice(request.schema)
        )
        return HTTPRequest(url: try endpoint.url(path: "/v1/messages"), headers: headers, body: try JSONWire.encode(body))
    }

    /// Text blocks joined, or the forced tool's `input` as compact JSON when the answer is a `tool_use` block;
    /// `stop_reason: refusal` is a refusal; input tokens include cache reads and writes.
    public func completion(from response: HTTPResponse) throws(ProviderError) -> CompletionResponse {
        guard response.isSuccess else {
            throw HTTPErrorClassifier.classify(provider: "anthropic", response: response, detail: Self.errorDetail(from: response))
        }
        let decoded = try JSONWire.decode(Response.self, from: response, provider: "anthropic")
        let text = (decoded.content ?? []).contains { $0.type == "tool_use" }
            ? AnthropicStructuredOutput.toolInput(in: response.body) ?? ""
            : (decoded.content ?? []).filter { $0.type == "text" }.compactMap(\.text).joined()
        let usage = decoded.usage
        let input = usage?.inputTokens.map { $0 + (usage?.cacheCreationInputTokens ?? 0) + (usage?.cacheReadInputTokens ?? 0) }
        return CompletionResponse(text: text, refused: decoded.stopReason == "refusal", inputTokens: input, outputTokens: usage?.outputTokens)
    }

    /// A spend limit (`enforced_spend_limit_reached`) or `billing_error` is a billing stop, not a rate limit.
    static func errorDetail(from response: HTTPResponse) -> APIErrorDetail? {
        guard let error = JSONWire.decodeError(ErrorBody.self, from: response)?.error else { return nil }
        let spendLimit = error.details?.errorCode == "enforced_spend_limit_reached"
        return APIErrorDetail(code: error.type, message: error.message, isQuota: spendLimit || error.type == "billing_error")
    }
}
