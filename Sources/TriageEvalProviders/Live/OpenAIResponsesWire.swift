import TriageEval

/// The OpenAI Responses API (`POST /v1/responses`), spoken by OpenAI and Azure OpenAI (`api: responses`).
enum OpenAIResponsesWire {
    struct Body: Encodable {
        struct Message: Encodable {
            let role: String
            let content: String
        }
        struct Text: Encodable {
            /// `{"type": "json_schema", "name", "strict": true, "schema"}`: flat, unlike Chat's `json_schema` wrapper.
            struct Format: Encodable {
                let type: String
                let name: String
                let strict: Bool
                let schema: OrderedJSON
            }
            let format: Format
        }
        let model: String
        let input: [Message]
        let temperature: Double?
        let maxOutputTokens: Int?
        let topP: Double?
        let text: Text?
        /// Answers are read once; OpenAI would otherwise keep each response for 30 days.
        let store: Bool

        enum CodingKeys: String, CodingKey {
            case model, input, temperature, text, store
            case maxOutputTokens = "max_output_tokens"
            case topP = "top_p"
        }
    }

    /// `input` holds role messages, a system part first as a `system` message; a schema goes in `text.format`.
    /// The Responses API has no `seed`: it is not sent.
    static func body(model: String, request: CompletionRequest, params: ModelConfig.Parameters) -> Body {
        let system = request.system.map { [Body.Message(role: "system", content: $0)] } ?? []
        let format = request.schema.map { Body.Text.Format(type: "json_schema", name: $0.name, strict: true, schema: $0.value) }
        return Body(
            model: model, input: system + [Body.Message(role: "user", content: request.prompt)], temperature: params.temperature,
            maxOutputTokens: params.maxTokens, topP: params.topP, text: format.map { Body.Text(format: $0) }, store: false
        )
    }

    struct Response: Decodable {
        struct Item: Decodable {
            struct Content: Decodable {
                let type: String
                let text: String?
                let refusal: String?
            }
            let type: String
            let content: [Content]?
        }
        struct Incomplete: Decodable { let reason: String? }
        struct Usage: Decodable {
            let inputTokens: Int?
            let outputTokens: Int?
            enum CodingKeys: String, CodingKey {
                case inputTokens = "input_tokens"
                case outputTokens = "output_tokens"
            }
        }
        let status: String?
        let output: [Item]?
        let incompleteDetails: Incomplete?
        let usage: Usage?
        enum CodingKeys: String, CodingKey {
            case status, output, usage
            case incompleteDetails = "incomplete_details"
        }
    }

    /// The answer: the `output_text` parts of the `message` items (reasoning items skipped). A `refusal` part or
    /// an answer cut by the content filter (`status: incomplete`, reason `content_filter`) is a refusal; a
    /// `failed` response is a retryable bad response.
    static func completion(from response: HTTPResponse, provider: String) throws(ProviderError) -> CompletionResponse {
        let decoded = try JSONWire.decode(Response.self, from: response, provider: provider)
        if decoded.status == "failed" {
            throw ProviderError(.badResponse, "\(provider) \(response.status): the response failed", retryable: true)
        }
        let parts = (decoded.output ?? []).filter { $0.type == "message" }.flatMap { $0.content ?? [] }
        let text = parts.filter { $0.type == "output_text" }.compactMap(\.text).joined()
        let refusal = parts.first { $0.type == "refusal" }?.refusal
        let filtered = decoded.status == "incomplete" && decoded.incompleteDetails?.reason == "content_filter"
        return CompletionResponse(
            text: text.isEmpty ? (refusal ?? "") : text, refused: refusal != nil || filtered,
            inputTokens: decoded.usage?.inputTokens, outputTokens: decoded.usage?.outputTokens
        )
    }
}
