import TriageEval

/// The `generateContent` wire format shared by the Gemini API and Vertex AI.
enum GeminiWire {
    struct Body: Encodable {
        struct Content: Encodable {
            struct Part: Encodable { let text: String }
            let role: String
            let parts: [Part]
        }
        struct GenerationConfig: Encodable {
            let temperature: Double?
            let maxOutputTokens: Int?
            let seed: Int?
            let topP: Double?
            /// Structured output: `application/json` with the schema in Gemini's subset (``GeminiStructuredOutput``).
            var responseMimeType: String? = nil
            var responseSchema: OrderedJSON? = nil
        }
        /// The system part: `{"parts": [{"text": …}]}` (no role).
        struct SystemInstruction: Encodable {
            let parts: [Content.Part]
        }

        let systemInstruction: SystemInstruction?
        let contents: [Content]
        let generationConfig: GenerationConfig?
    }

    /// Every content carries `role` (Vertex rejects one without); a system part goes in `systemInstruction`;
    /// a schema in `generationConfig`.
    static func body(request: CompletionRequest, params: ModelConfig.Parameters) throws(ProviderError) -> Body {
        let schema = try GeminiStructuredOutput.responseSchema(request.schema)
        let hasConfig = params.temperature != nil || params.maxTokens != nil || params.seed != nil || params.topP != nil || schema != nil
        return Body(
            systemInstruction: request.system.map { Body.SystemInstruction(parts: [Body.Content.Part(text: $0)]) },
            contents: [Body.Content(role: "user", parts: [Body.Content.Part(text: request.prompt)])],
            generationConfig: hasConfig
                ? Body.GenerationConfig(
                    temperature: params.temperature, maxOutputTokens: params.maxTokens, seed: params.seed, topP: params.topP,
                    responseMimeType: schema.map { _ in GeminiStructuredOutput.mimeType }, responseSchema: schema
                )
                : nil
        )
    }

    struct Response: Decodable {
        struct Candidate: Decodable {
            struct Content: Decodable {
                struct Part: Decodable {
                    let text: String?
                    let thought: Bool?
                }
                let parts: [Part]?
            }
            let content: Content?
            let finishReason: String?
        }
        struct PromptFeedback: Decodable { let blockReason: String? }
        struct Usage: Decodable {
            let promptTokenCount: Int?
            let candidatesTokenCount: Int?
            let thoughtsTokenCount: Int?
        }
        let candidates: [Candidate]?
        let promptFeedback: PromptFeedback?
        let usageMetadata: Usage?
    }

    /// Finish reasons that mean the answer was withheld by a safety or policy filter.
    static let refusalFinishes: Set<String> = ["SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_SAFETY"]

    /// Text of the first candidate (thought parts skipped). A blocked prompt (no candidates,
    /// `promptFeedback.blockReason`) or a safety finish is a refusal. Output tokens include thinking tokens (billed as output).
    static func completion(from response: HTTPResponse, provider: String) throws(ProviderError) -> CompletionResponse {
        let decoded = try JSONWire.decode(Response.self, from: response, provider: provider)
        let usage = decoded.usageMetadata
        let output = usage?.candidatesTokenCount.map { $0 + (usage?.thoughtsTokenCount ?? 0) }
            ?? usage?.thoughtsTokenCount
        guard let candidate = decoded.candidates?.first else {
            guard decoded.promptFeedback?.blockReason != nil else {
                throw ProviderError(.badResponse, "\(provider) \(response.status): the response has no candidates", retryable: true)
            }
            return CompletionResponse(text: "", refused: true, inputTokens: usage?.promptTokenCount, outputTokens: output)
        }
        let text = (candidate.content?.parts ?? []).filter { $0.thought != true }.compactMap(\.text).joined()
        let refused = candidate.finishReason.map { refusalFinishes.contains($0) } ?? false
        return CompletionResponse(text: text, refused: refused, inputTokens: usage?.promptTokenCount, outputTokens: output)
    }

    /// google.rpc Status: `{"error": {"code", "message", "status", "details": [...]}}`, sometimes wrapped in an array.
    struct ErrorBody: Decodable {
        struct Status: Decodable {
            struct Detail: Decodable { let reason: String? }
            let code: LooseString?
            let message: String?
            let status: String?
            let details: [Detail]?
        }
        let error: Status?
    }

    /// `API_KEY_INVALID` (sent as 400) is an authentication failure.
    static func errorDetail(from response: HTTPResponse) -> APIErrorDetail? {
        let status = JSONWire.decodeError(ErrorBody.self, from: response)?.error
            ?? JSONWire.decodeError([ErrorBody].self, from: response)?.first?.error
        guard let status else { return nil }
        let invalidKey = status.details?.contains { $0.reason == "API_KEY_INVALID" } ?? false
        return APIErrorDetail(code: status.status, message: status.message, isAuth: invalidKey)
    }
}
