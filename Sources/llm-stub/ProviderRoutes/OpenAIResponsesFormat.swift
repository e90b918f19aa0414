internal import Foundation

/// The OpenAI Responses API (`POST /v1/responses`) and Azure OpenAI's (`/openai/v1/responses`,
/// `/openai/responses?api-version=…`): `input` as a string or role messages, `instructions`, a schema in
/// `text.format`; the answer is an `output_text` part of a `message` output item.
struct OpenAIResponsesFormat: WireFormat {
    let flavor: OpenAIChatFormat.Flavor

    /// Parameters the endpoint accepts; any other is refused as the API does (`Unknown parameter`).
    static let parameters: Set<String> = [
        "model", "input", "instructions", "temperature", "top_p", "max_output_tokens", "text", "store", "metadata", "user",
        "reasoning", "tools", "tool_choice", "parallel_tool_calls", "previous_response_id", "truncation", "service_tier",
        "include", "stream", "background", "prompt_cache_key", "safety_identifier",
    ]

    func parse(_ body: [String: Any], pathModel: String?) throws(StubFailure) -> ModelRequest {
        if let unknown = body.keys.sorted().first(where: { !Self.parameters.contains($0) }) {
            throw .badRequest("Unknown parameter: '\(unknown)'.")
        }
        var user: [String] = []
        var system: [String] = []
        if let instructions = body["instructions"] as? String { system.append(instructions) }
        switch body["input"] {
        case let text as String:
            user.append(text)
        case let items as [Any]:
            for (index, item) in items.enumerated() {
                guard let message = item as? [String: Any], let role = message["role"] as? String else {
                    throw .badRequest("Invalid 'input[\(index)]': expected a message with a role.")
                }
                let text = Self.text(message["content"])
                switch role {
                case "user": user += text
                case "system", "developer": system += text
                case "assistant": break
                default: throw .badRequest("Invalid value: '\(role)'. Supported values are: 'assistant', 'system', 'developer', and 'user'.")
                }
            }
        default:
            throw .badRequest("Missing required parameter: 'input'.")
        }
        guard !user.isEmpty else { throw .badRequest("'input' must contain at least one user message with text content") }
        var request = ModelRequest(
            prompts: [user.joined(separator: "\n")], system: system.isEmpty ? nil : system.joined(separator: "\n"),
            model: body["model"] as? String ?? pathModel ?? "llm-stub"
        )
        request.structured = try Self.structured((body["text"] as? [String: Any])?["format"])
        return request
    }

    /// A message's content: a string, or `input_text` parts.
    private static func text(_ content: Any?) -> [String] {
        if let text = content as? String { return [text] }
        return (content as? [Any] ?? []).compactMap { part in
            guard let part = part as? [String: Any], ["input_text", "text"].contains(part["type"] as? String ?? "") else { return nil }
            return part["text"] as? String
        }
    }

    /// `text.format`: `json_schema` (flat: `name`, `strict`, `schema`) is checked as strict mode checks it.
    private static func structured(_ format: Any?) throws(StubFailure) -> Bool {
        guard let format else { return false }
        guard let format = format as? [String: Any], let type = format["type"] as? String else {
            throw .badRequest("Invalid type for 'text.format': expected an object with a 'type'.")
        }
        switch type {
        case "text", "json_object": return false
        case "json_schema":
            _ = try StubSchemaCheck.openAIStrict(name: format["name"], schema: format["schema"], strict: format["strict"], field: "text.format")
            return true
        default:
            throw .badRequest("Invalid value: '\(type)'. Supported values are: 'text', 'json_object', and 'json_schema'.")
        }
    }

    func success(_ answers: [String], for request: ModelRequest) -> JSONOut {
        let answer = answers.first ?? ""
        let inputTokens = TokenCount.estimate(request.prompts)
        let outputTokens = TokenCount.estimate(answer)
        let id = UInt64.random(in: 0...UInt64.max)
        return .object([
            ("id", .string("resp_stub\(id)")), ("object", .string("response")), ("created_at", .int(Int(Date().timeIntervalSince1970))),
            ("status", .string("completed")), ("error", .null), ("incomplete_details", .null), ("model", .string(request.model)),
            ("output", .array([.object([
                ("type", .string("message")), ("id", .string("msg_stub\(id)")), ("status", .string("completed")), ("role", .string("assistant")),
                ("content", .array([.object([("type", .string("output_text")), ("text", .string(answer)), ("annotations", .array([]))])])),
            ])])),
            ("usage", .object([
                ("input_tokens", .int(inputTokens)), ("input_tokens_details", .object([("cached_tokens", .int(0))])),
                ("output_tokens", .int(outputTokens)), ("output_tokens_details", .object([("reasoning_tokens", .int(0))])),
                ("total_tokens", .int(inputTokens + outputTokens)),
            ])),
        ])
    }

    /// The Chat Completions error envelopes (the Responses API shares them).
    func failure(_ failure: StubFailure) -> (body: JSONOut, headers: [(String, String)]) {
        OpenAIChatFormat(flavor: flavor).failure(failure)
    }
}
