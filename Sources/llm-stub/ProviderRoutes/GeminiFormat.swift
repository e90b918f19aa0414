internal import Foundation

/// Google `generateContent`: the Gemini API (`/v1beta/models/{model}:generateContent`) and Vertex AI
/// (`/v1/projects/{p}/locations/{l}/publishers/google/models/{model}:generateContent`), which requires
/// a `role` on every content and adds `trafficType` and `createTime`.
struct GeminiFormat: WireFormat {
    enum Flavor: Sendable {
        case gemini
        case vertex
    }

    let flavor: Flavor

    func parse(_ body: [String: Any], pathModel: String?) throws(StubFailure) -> ModelRequest {
        guard let contents = body["contents"] as? [Any], !contents.isEmpty else {
            throw .badRequest("* GenerateContentRequest.contents: contents is not specified")
        }
        var parts: [String] = []
        for case let content as [String: Any] in contents {
            let role = content["role"] as? String
            if flavor == .vertex, role == nil {
                throw .badRequest("Please use a valid role: user, model.")
            }
            // A system part goes in `systemInstruction`; contents take only user and model turns.
            if let role, role != "user", role != "model" {
                throw .badRequest("Please use a valid role: user, model.")
            }
            guard role == nil || role == "user" else { continue }
            parts += JSONIn.textParts(content["parts"])
        }
        guard !parts.isEmpty else {
            throw .badRequest("* GenerateContentRequest.contents: contents has no user text part")
        }
        let config = body["generationConfig"] as? [String: Any]
        let seed = JSONIn.int(config?["seed"]) ?? JSONIn.int(body["seed"])
        let instruction = (body["systemInstruction"] ?? body["system_instruction"]) as? [String: Any]
        let system = JSONIn.textParts(instruction?["parts"])
        var request = ModelRequest(
            prompts: [parts.joined(separator: "\n")], system: system.isEmpty ? nil : system.joined(separator: "\n"), seed: seed,
            model: pathModel ?? "llm-stub"
        )
        request.structured = try config.map { config throws(StubFailure) in try StubSchemaCheck.gemini(config) } ?? false
        return request
    }

    func success(_ answers: [String], for request: ModelRequest) -> JSONOut {
        let answer = answers.first ?? ""
        let promptTokens = TokenCount.estimate(request.prompts)
        let answerTokens = TokenCount.estimate(answer)
        let responseID = JSONOut.string("stub\(UInt64.random(in: 0...UInt64.max))")
        let content = JSONOut.object([
            ("parts", .array([.object([("text", .string(answer))])])),
            ("role", .string("model")),
        ])
        let promptDetails = JSONOut.array([.object([("modality", .string("TEXT")), ("tokenCount", .int(promptTokens))])])
        var usage: [(String, JSONOut)] = [
            ("promptTokenCount", .int(promptTokens)), ("candidatesTokenCount", .int(answerTokens)),
            ("totalTokenCount", .int(promptTokens + answerTokens)),
        ]
        switch flavor {
        case .gemini:
            usage.append(("promptTokensDetails", promptDetails))
            return .object([
                ("candidates", .array([.object([("content", content), ("finishReason", .string("STOP")), ("index", .int(0))])])),
                ("usageMetadata", .object(usage)),
                ("modelVersion", .string(request.model)),
                ("responseId", responseID),
            ])
        case .vertex:
            usage += [
                ("trafficType", .string("ON_DEMAND")),
                ("promptTokensDetails", promptDetails),
                ("candidatesTokensDetails", .array([.object([("modality", .string("TEXT")), ("tokenCount", .int(answerTokens))])])),
            ]
            return .object([
                ("candidates", .array([.object([("content", content), ("finishReason", .string("STOP"))])])),
                ("usageMetadata", .object(usage)),
                ("modelVersion", .string(request.model)),
                ("createTime", .string(Date().formatted(.iso8601))),
                ("responseId", responseID),
            ])
        }
    }

    /// `{"error": {"code", "message", "status"}}`.
    func failure(_ failure: StubFailure) -> (body: JSONOut, headers: [(String, String)]) {
        let (message, status): (String, String) = switch failure {
        case .rateLimited:
            flavor == .gemini
                ? ("You exceeded your current quota, please check your plan and billing details. (llm-stub injected fault)", "RESOURCE_EXHAUSTED")
                : ("Resource exhausted. Please try again later. (llm-stub injected fault)", "RESOURCE_EXHAUSTED")
        case .serverError: ("An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", "INTERNAL")
        case .unavailable, .overloaded: ("The model is overloaded. Please try again later.", "UNAVAILABLE")
        case .badRequest(let message, _): (message, "INVALID_ARGUMENT")
        case .notFound(let message): (message, "NOT_FOUND")
        case .unauthorized(let message): (message, "UNAUTHENTICATED")
        }
        let body = JSONOut.object([("error", .object([
            ("code", .int(failure.status)), ("message", .string(message)), ("status", .string(status)),
        ]))])
        return (body, [])
    }
}
