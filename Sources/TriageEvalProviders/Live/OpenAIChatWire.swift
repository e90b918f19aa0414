import TriageEval

/// The Chat Completions wire format shared by OpenAI, Azure OpenAI and OpenAI-compatible servers
/// (vLLM, llama.cpp, LM Studio, Ollama `/v1`).
enum OpenAIChatWire {
    struct Message: Codable {
        let role: String
        let content: String?
        var refusal: String? = nil
    }

    struct Body: Encodable {
        let model: String?
        let messages: [Message]
        let temperature: Double?
        let maxTokens: Int?
        let maxCompletionTokens: Int?
        let seed: Int?
        let topP: Double?
        /// Structured outputs: the prompt's schema (``OpenAIResponseFormat``); nil sends none.
        var responseFormat: OpenAIResponseFormat? = nil

        enum CodingKeys: String, CodingKey {
            case model, messages, temperature, seed
            case responseFormat = "response_format"
            case maxTokens = "max_tokens"
            case maxCompletionTokens = "max_completion_tokens"
            case topP = "top_p"
        }
    }

    /// How the output-length limit is named: `max_completion_tokens` at OpenAI (reasoning models reject
    /// `max_tokens`), `max_tokens` everywhere else.
    enum MaxTokensField: Sendable {
        case maxTokens, maxCompletionTokens
    }

    /// A system part goes first as a `system` message; a schema goes in `response_format`.
    static func body(model: String?, request: CompletionRequest, params: ModelConfig.Parameters, maxTokensField: MaxTokensField) -> Body {
        let system = request.system.map { [Message(role: "system", content: $0)] } ?? []
        return Body(
            model: model, messages: system + [Message(role: "user", content: request.prompt)], temperature: params.temperature,
            maxTokens: maxTokensField == .maxTokens ? params.maxTokens : nil,
            maxCompletionTokens: maxTokensField == .maxCompletionTokens ? params.maxTokens : nil,
            seed: params.seed, topP: params.topP, responseFormat: OpenAIResponseFormat(request.schema)
        )
    }

    struct Response: Decodable {
        struct Choice: Decodable {
            let message: Message?
            let finishReason: String?
            enum CodingKeys: String, CodingKey {
                case message
                case finishReason = "finish_reason"
            }
        }
        struct Usage: Decodable {
            let promptTokens: Int?
            let completionTokens: Int?
            enum CodingKeys: String, CodingKey {
                case promptTokens = "prompt_tokens"
                case completionTokens = "completion_tokens"
            }
        }
        let choices: [Choice]?
        let usage: Usage?
    }

    /// The answer in a 2xx body: `choices[0].message.content`; a `refusal` or a `content_filter` finish is a refusal.
    static func completion(from response: HTTPResponse, provider: String) throws(ProviderError) -> CompletionResponse {
        let decoded = try JSONWire.decode(Response.self, from: response, provider: provider)
        guard let choice = decoded.choices?.first else {
            throw ProviderError(.badResponse, "\(provider) \(response.status): the response has no choices", retryable: true)
        }
        let refusal = choice.message?.refusal.flatMap { $0.isEmpty ? nil : $0 }
        let refused = refusal != nil || choice.finishReason == "content_filter"
        return CompletionResponse(
            text: choice.message?.content ?? refusal ?? "", refused: refused,
            inputTokens: decoded.usage?.promptTokens, outputTokens: decoded.usage?.completionTokens
        )
    }

    /// Error envelopes: `{"error": {"message", "type", "code"}}` (OpenAI, Azure, new vLLM, llama.cpp),
    /// `{"object": "error", "message", "type", "code"}` (old vLLM), `{"error": "text"}` (Ollama).
    struct ErrorBody: Decodable {
        struct Inner: Decodable {
            let message: String?
            let type: LooseString?
            let code: LooseString?
        }
        let error: Inner?
        let errorText: String?
        let message: String?
        let type: LooseString?
        let code: LooseString?

        enum CodingKeys: String, CodingKey {
            case error, message, type, code
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            error = try? container.decodeIfPresent(Inner.self, forKey: .error)
            errorText = try? container.decodeIfPresent(String.self, forKey: .error)
            message = try? container.decodeIfPresent(String.self, forKey: .message)
            type = try? container.decodeIfPresent(LooseString.self, forKey: .type)
            code = try? container.decodeIfPresent(LooseString.self, forKey: .code)
        }
    }

    /// The error detail: the code (else the type), the message; `insufficient_quota` is a billing stop.
    static func errorDetail(from response: HTTPResponse) -> APIErrorDetail? {
        guard let body = JSONWire.decodeError(ErrorBody.self, from: response) else { return nil }
        let code = body.error?.code?.value ?? body.code?.value
        let type = body.error?.type?.value ?? body.type?.value
        let message = body.error?.message ?? body.errorText ?? body.message
        // A numeric code repeating the status (vLLM, llama.cpp, Azure's "429") says less than the type.
        let shownCode = code.flatMap { Int($0) == nil ? $0 : nil } ?? type
        let isQuota = code == "insufficient_quota" || type == "insufficient_quota"
        return APIErrorDetail(code: shownCode, message: message, isQuota: isQuota)
    }
}
