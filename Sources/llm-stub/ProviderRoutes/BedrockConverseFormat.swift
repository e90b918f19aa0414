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
        return ModelRequest(prompts: [prompt], system: system.isEmpty ? nil : system.joined(separator: "\n"), seed: seed, model: pathModel ?? "llm-stub")
    }

    func success(_ answers: [String], for request: ModelRequest) -> JSONOut {
        let answer = answers.first ?? ""
        let inputTokens = TokenCount.estimate(request.prompts)
        let outputTokens = TokenCount.estimate(answer)
        return .object([
            ("output", .object([("message", .object([
                ("role", .string("assistant")),
                ("content", .array([.object([("text", .string(answer))])])),
            ]))])),
            ("stopReason", .string("end_turn")),
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
