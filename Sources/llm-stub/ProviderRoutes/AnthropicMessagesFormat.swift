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
        var request = ModelRequest(prompts: [prompt], system: system.isEmpty ? nil : system.joined(separator: "\n"), seed: JSONIn.int(body["seed"]), model: model)
        request.toolName = try Self.forcedTool(body)
        request.structured = request.toolName != nil
        return request
    }

    /// Structured output by a forced tool: `tools[i]` with a `name` and an object `input_schema`, and
    /// `tool_choice: {"type": "tool", "name"}` naming one of them.
    static func forcedTool(_ body: [String: Any]) throws(StubFailure) -> String? {
        guard let tools = body["tools"] as? [Any] else {
            if body["tool_choice"] != nil { throw .badRequest("tool_choice: may only be specified while providing tools") }
            return nil
        }
        var names: [String] = []
        for (index, tool) in tools.enumerated() {
            guard let tool = tool as? [String: Any], let name = tool["name"] as? String, !name.isEmpty else {
                throw .badRequest("tools.\(index).custom.name: Field required")
            }
            guard let schema = tool["input_schema"] as? [String: Any] else {
                throw .badRequest("tools.\(index).custom.input_schema: Field required")
            }
            guard schema["type"] as? String == "object" else {
                throw .badRequest("tools.\(index).custom.input_schema.type: Input should be 'object'")
            }
            names.append(name)
        }
        guard let choice = body["tool_choice"] as? [String: Any], choice["type"] as? String == "tool" else { return nil }
        guard let name = choice["name"] as? String, names.contains(name) else {
            throw .badRequest("tool_choice.name: Tool '\(choice["name"] ?? "")' not found in tools")
        }
        return name
    }

    func success(_ answers: [String], for request: ModelRequest) -> JSONOut {
        let answer = answers.first ?? ""
        // A forced tool's answer is a `tool_use` block whose `input` is the answer object.
        let toolInput = request.structured ? StructuredAnswer.object(answer) : nil
        return .object([
            ("id", .string("msg_stub\(UInt64.random(in: 0...UInt64.max))")),
            ("type", .string("message")),
            ("role", .string("assistant")),
            ("model", .string(request.model)),
            ("content", .array([toolInput.map { input in
                .object([
                    ("type", .string("tool_use")), ("id", .string("toolu_stub\(UInt64.random(in: 0...UInt64.max))")),
                    ("name", .string(request.toolName ?? "answer")), ("input", input),
                ])
            } ?? .object([("type", .string("text")), ("text", .string(answer))])])),
            ("stop_reason", .string(toolInput == nil ? "end_turn" : "tool_use")),
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
