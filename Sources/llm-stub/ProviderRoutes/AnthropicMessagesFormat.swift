/// Anthropic Messages (`POST /v1/messages`).
struct AnthropicMessagesFormat: WireFormat {
    func parse(_ body: [String: Any], pathModel: String?) throws(StubFailure) -> ModelRequest {
        guard let prompt = JSONIn.userText(body["messages"]) else {
            throw .badRequest("messages: at least one user message with text content is required")
        }
        // The Messages API takes the system part top-level (a string or text blocks), never as a message.
        if JSONIn.hasRole(body["messages"], in: ["system"]) {
            throw .badRequest("messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter, not \"system\" as an input message role.")
        }
        let system = JSONIn.textParts(body["system"])
        let model = body["model"] as? String ?? "llm-stub"
        return ModelRequest(prompts: [prompt], system: system.isEmpty ? nil : system.joined(separator: "\n"), seed: JSONIn.int(body["seed"]), model: model)
    }

    func success(_ answers: [String], for request: ModelRequest) -> JSONOut {
        let answer = answers.first ?? ""
        return .object([
            ("id", .string("msg_stub\(UInt64.random(in: 0...UInt64.max))")),
            ("type", .string("message")),
            ("role", .string("assistant")),
            ("model", .string(request.model)),
            ("content", .array([.object([("type", .string("text")), ("text", .string(answer))])])),
            ("stop_reason", .string("end_turn")),
            ("stop_sequence", .null),
            ("usage", .object([
                ("input_tokens", .int(TokenCount.estimate(request.prompts))),
                ("output_tokens", .int(TokenCount.estimate(answer))),
            ])),
        ])
    }

    /// `{"type": "error", "error": {"type", "message"}, "request_id"}`.
    func failure(_ failure: StubFailure) -> (body: JSONOut, headers: [(String, String)]) {
        let (type, message): (String, String) = switch failure {
        case .rateLimited: ("rate_limit_error", "This request would exceed the rate limit for your organization. (llm-stub injected fault)")
        case .serverError: ("api_error", "Internal server error")
        case .unavailable: ("api_error", "Service unavailable")
        case .overloaded: ("overloaded_error", "Overloaded")
        case .badRequest(let message, _): ("invalid_request_error", message)
        case .notFound(let message): ("not_found_error", message)
        case .unauthorized(let message): ("authentication_error", message)
        }
        let body = JSONOut.object([
            ("type", .string("error")),
            ("error", .object([("type", .string(type)), ("message", .string(message))])),
            ("request_id", .string("req_stub\(UInt64.random(in: 0...UInt64.max))")),
        ])
        return (body, [])
    }
}
