public import TriageEval

/// Ollama's native chat API (`/api/chat`, `stream: false`).
public struct OllamaProvider: HTTPModelProvider {
    public static let defaultBaseURL = "http://localhost:11434"

    public let transport: any HTTPTransport
    let endpoint: Endpoint
    let model: String
    /// Ollama itself has no auth; a reverse proxy in front of it may want a bearer token.
    let apiKey: Secret?
    let params: ModelConfig.Parameters

    public init(transport: any HTTPTransport, baseURL: String = Self.defaultBaseURL, model: String, apiKey: Secret? = nil, params: ModelConfig.Parameters) {
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
        struct Options: Encodable {
            let temperature: Double?
            let seed: Int?
            let numPredict: Int?
            let topP: Double?
            enum CodingKeys: String, CodingKey {
                case temperature, seed
                case numPredict = "num_predict"
                case topP = "top_p"
            }
        }
        let model: String
        let messages: [Message]
        let stream: Bool
        let options: Options?
        /// Structured output: the prompt's schema as `format` (Ollama also takes `"json"`, not used here).
        var format: OrderedJSON? = nil
    }

    struct Response: Decodable {
        struct Message: Decodable { let content: String? }
        let message: Message?
        let promptEvalCount: Int?
        let evalCount: Int?
        enum CodingKeys: String, CodingKey {
            case message
            case promptEvalCount = "prompt_eval_count"
            case evalCount = "eval_count"
        }
    }

    public func httpRequest(for request: CompletionRequest) throws(ProviderError) -> HTTPRequest {
        var headers = [HTTPHeader("Content-Type", "application/json")]
        if let apiKey { headers.append(HTTPHeader("Authorization", "Bearer \(apiKey.value)")) }
        let hasOptions = params.temperature != nil || params.seed != nil || params.maxTokens != nil || params.topP != nil
        let body = Body(
            model: model, messages: (request.system.map { [Body.Message(role: "system", content: $0)] } ?? []) + [Body.Message(role: "user", content: request.prompt)],
            stream: false,
            options: hasOptions ? Body.Options(temperature: params.temperature, seed: params.seed, numPredict: params.maxTokens, topP: params.topP) : nil,
            format: request.schema?.value
        )
        return HTTPRequest(url: try endpoint.url(path: "/api/chat"), headers: headers, body: try JSONWire.encode(body))
    }

    public func completion(from response: HTTPResponse) throws(ProviderError) -> CompletionResponse {
        guard response.isSuccess else {
            throw HTTPErrorClassifier.classify(provider: "ollama", response: response, detail: OpenAIChatWire.errorDetail(from: response))
        }
        let decoded = try JSONWire.decode(Response.self, from: response, provider: "ollama")
        guard let message = decoded.message else {
            throw ProviderError(.badResponse, "ollama \(response.status): the response has no message", retryable: true)
        }
        return CompletionResponse(text: message.content ?? "", inputTokens: decoded.promptEvalCount, outputTokens: decoded.evalCount)
    }
}
