/// AWS Bedrock Converse (`POST /model/{modelId}/converse`).
struct BedrockConverseFormat: WireFormat {
    func parse(_ body: [String: Any], pathModel: String?) throws(StubFailure) -> ModelRequest {
        guard let prompt = JSONIn.userText(body["messages"]) else {
            throw .badRequest("A conversation must start with a user message. Try again with a conversation that starts with a user message.")
        }
        // Converse takes the system part as top-level `system` blocks; a message role is user or assistant.
        if JSONIn.hasRole(body["messages"], in: ["system"]) {
            throw .badRequest("1 validation error detected: Value 'system' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]", errorType: "ValidationException")
        }
        let system = JSONIn.textParts(body["system"])
        let extra = body["additionalModelRequestFields"] as? [String: Any]
        let seed = JSONIn.int(body["seed"]) ?? JSONIn.int(extra?["seed"])
        var request = ModelRequest(prompts: [prompt], system: system.isEmpty ? nil : system.joined(separator: "\n"), seed: seed, model: pathModel ?? "llm-stub")
        request.toolName = try Self.forcedTool(body["toolConfig"])
        request.structured = request.toolName != nil
        return request
    }

    /// Structured output by a forced tool: `toolConfig.tools[i].toolSpec` with a `name` and `inputSchema.json`,
    /// and `toolChoice: {"tool": {"name"}}` naming one of them.
    static func forcedTool(_ config: Any?) throws(StubFailure) -> String? {
        guard let config else { return nil }
        guard let config = config as? [String: Any], let tools = config["tools"] as? [Any], !tools.isEmpty else {
            throw .badRequest("1 validation error detected: Value '[]' at 'toolConfig.tools' failed to satisfy constraint: Member must have length greater than or equal to 1", errorType: "ValidationException")
        }
        var names: [String] = []
        for (index, tool) in tools.enumerated() {
            let spec = (tool as? [String: Any])?["toolSpec"] as? [String: Any]
            guard let name = spec?["name"] as? String, !name.isEmpty else {
                throw .badRequest("1 validation error detected: Value null at 'toolConfig.tools.\(index + 1).member.toolSpec.name' failed to satisfy constraint: Member must not be null", errorType: "ValidationException")
            }
            guard let json = (spec?["inputSchema"] as? [String: Any])?["json"] as? [String: Any], json["type"] as? String == "object" else {
                throw .badRequest("The value at toolConfig.tools.\(index).toolSpec.inputSchema.json.type must be one of the following: object.", errorType: "ValidationException")
            }
            names.append(name)
        }
        guard let choice = config["toolChoice"] as? [String: Any], let tool = choice["tool"] as? [String: Any] else { return nil }
        guard let name = tool["name"] as? String, names.contains(name) else {
            throw .badRequest("The tool choice \(tool["name"] ?? "") is not in the list of tools.", errorType: "ValidationException")
        }
        return name
    }

    func success(_ answers: [String], for request: ModelRequest) -> JSONOut {
        let answer = answers.first ?? ""
        let inputTokens = TokenCount.estimate(request.prompts)
        let outputTokens = TokenCount.estimate(answer)
        // A forced tool's answer is a `toolUse` block whose `input` is the answer object.
        let toolInput = request.structured ? StructuredAnswer.object(answer) : nil
        let block: JSONOut = toolInput.map { input in
            .object([("toolUse", .object([
                ("toolUseId", .string("tooluse_stub\(UInt64.random(in: 0...UInt64.max))")), ("name", .string(request.toolName ?? "answer")),
                ("input", input),
            ]))])
        } ?? .object([("text", .string(answer))])
        return .object([
            ("output", .object([("message", .object([
                ("role", .string("assistant")),
                ("content", .array([block])),
            ]))])),
            ("stopReason", .string(toolInput == nil ? "end_turn" : "tool_use")),
            ("usage", .object([
                ("inputTokens", .int(inputTokens)), ("outputTokens", .int(outputTokens)),
                ("totalTokens", .int(inputTokens + outputTokens)),
            ])),
            ("metrics", .object([("latencyMs", .int(0))])),
        ])
    }

    /// `{"message": …}` with the exception name in `x-amzn-ErrorType`.
    func failure(_ failure: StubFailure) -> (body: JSONOut, headers: [(String, String)]) {
        let (exception, message): (String, String) = switch failure {
        case .rateLimited: ("ThrottlingException", "Too many requests, please wait before trying again.")
        case .serverError: ("InternalServerException", "The server encountered an internal error while processing the request.")
        case .unavailable: ("ServiceUnavailableException", "Bedrock is unable to process your request.")
        case .overloaded: ("ServiceUnavailableException", "The model is overloaded. Try your request again.")
        case .badRequest(let message, _): ("ValidationException", message)
        case .notFound(let message): ("ResourceNotFoundException", message)
        case .unauthorized(let message): ("UnrecognizedClientException", message)
        }
        let headers = [
            ("x-amzn-errortype", "\(exception):http://internal.amazon.com/coral/com.amazon.bedrock/"),
            ("x-amzn-requestid", "stub-\(UInt64.random(in: 0...UInt64.max))"),
        ]
        return (.object([("message", .string(message))]), headers)
    }
}
