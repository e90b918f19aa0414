internal import Foundation

/// Ollama's native chat API (`POST /api/chat`, non-streaming).
struct OllamaChatFormat: WireFormat {
    func parse(_ body: [String: Any], pathModel: String?) throws(StubFailure) -> ModelRequest {
        guard let prompt = JSONIn.userText(body["messages"]) else {
            throw .badRequest("messages: at least one user message with content is required")
        }
        let options = body["options"] as? [String: Any]
        let seed = JSONIn.int(options?["seed"]) ?? JSONIn.int(body["seed"])
        var request = ModelRequest(prompts: [prompt], system: JSONIn.systemText(body["messages"]), seed: seed, model: body["model"] as? String ?? "llm-stub")
        // `format`: "json" (JSON mode, no schema) or a JSON schema object.
        switch body["format"] {
        case nil, "json" as String: break
        case let schema as [String: Any] where schema["type"] != nil || schema["properties"] != nil: request.structured = true
        case let other?: throw .badRequest("invalid format: \(other) (expected \"json\" or a JSON schema object)")
        }
        return request
    }

    func success(_ answers: [String], for request: ModelRequest) -> JSONOut {
        let answer = answers.first ?? ""
        return .object([
            ("model", .string(request.model)),
            ("created_at", .string(Date().formatted(.iso8601))),
            ("message", .object([("role", .string("assistant")), ("content", .string(answer))])),
            ("done_reason", .string("stop")),
            ("done", .bool(true)),
            ("total_duration", .int(1_000_000)),
            ("load_duration", .int(0)),
            ("prompt_eval_count", .int(TokenCount.estimate(request.prompts))),
            ("prompt_eval_duration", .int(500_000)),
            ("eval_count", .int(TokenCount.estimate(answer))),
            ("eval_duration", .int(500_000)),
        ])
    }

    /// `{"error": "…"}`.
    func failure(_ failure: StubFailure) -> (body: JSONOut, headers: [(String, String)]) {
        let message = switch failure {
        case .rateLimited: "too many requests (llm-stub injected fault)"
        case .serverError: "an internal error occurred"
        case .unavailable: "server busy, please try again.  maximum pending requests exceeded"
        case .overloaded: "server overloaded, please try again"
        case .badRequest(let message, _), .notFound(let message), .unauthorized(let message): message
        }
        return (.object([("error", .string(message))]), [])
    }
}
