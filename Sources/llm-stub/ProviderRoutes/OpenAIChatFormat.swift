internal import Foundation

/// OpenAI Chat Completions (`POST /v1/chat/completions`), also spoken by vLLM, llama.cpp and Ollama's
/// OpenAI endpoint; and Azure OpenAI, which adds content-filter results and its own error envelope.
struct OpenAIChatFormat: WireFormat {
    enum Flavor: Sendable {
        case openAI
        case azure
    }

    let flavor: Flavor

    func parse(_ body: [String: Any], pathModel: String?) throws(StubFailure) -> ModelRequest {
        guard let prompt = JSONIn.userText(body["messages"]) else {
            throw .badRequest("'messages' must contain at least one user message with text content")
        }
        let model = body["model"] as? String ?? pathModel ?? "llm-stub"
        let system = JSONIn.systemText(body["messages"], roles: ["system", "developer"])
        var request = ModelRequest(prompts: [prompt], system: system, seed: JSONIn.int(body["seed"]), model: model)
        request.structured = try Self.structured(body["response_format"])
        return request
    }

    /// `response_format`: `json_schema` is checked as strict mode checks it; `text` and `json_object` carry no schema.
    static func structured(_ format: Any?) throws(StubFailure) -> Bool {
        guard let format else { return false }
        guard let format = format as? [String: Any], let type = format["type"] as? String else {
            throw .badRequest("Invalid type for 'response_format': expected an object with a 'type'.")
        }
        switch type {
        case "text", "json_object": return false
        case "json_schema":
            guard let schema = format["json_schema"] as? [String: Any] else {
                throw .badRequest("Missing required parameter: 'response_format.json_schema'.")
            }
            _ = try StubSchemaCheck.openAIStrict(name: schema["name"], schema: schema["schema"], strict: schema["strict"], field: "response_format.json_schema")
            return true
        default:
            throw .badRequest("Invalid value: '\(type)'. Supported values are: 'json_object', 'json_schema', and 'text'.")
        }
    }

    func success(_ answers: [String], for request: ModelRequest) -> JSONOut {
        let answer = answers.first ?? ""
        let promptTokens = TokenCount.estimate(request.prompts)
        let completionTokens = TokenCount.estimate(answer)
        let id = JSONOut.string("chatcmpl-stub\(UInt64.random(in: 0...UInt64.max))")
        let created = JSONOut.int(Int(Date().timeIntervalSince1970))
        switch flavor {
        case .openAI:
            return .object([
                ("id", id), ("object", .string("chat.completion")), ("created", created), ("model", .string(request.model)),
                ("choices", .array([.object([
                    ("index", .int(0)),
                    ("message", .object([
                        ("role", .string("assistant")), ("content", .string(answer)), ("refusal", .null), ("annotations", .array([])),
                    ])),
                    ("logprobs", .null),
                    ("finish_reason", .string("stop")),
                ])])),
                ("usage", .object([
                    ("prompt_tokens", .int(promptTokens)), ("completion_tokens", .int(completionTokens)),
                    ("total_tokens", .int(promptTokens + completionTokens)),
                    ("prompt_tokens_details", .object([("cached_tokens", .int(0)), ("audio_tokens", .int(0))])),
                    ("completion_tokens_details", .object([
                        ("reasoning_tokens", .int(0)), ("audio_tokens", .int(0)),
                        ("accepted_prediction_tokens", .int(0)), ("rejected_prediction_tokens", .int(0)),
                    ])),
                ])),
                ("service_tier", .string("default")),
                ("system_fingerprint", .string("fp_llm_stub")),
            ])
        case .azure:
            return .object([
                ("id", id), ("object", .string("chat.completion")), ("created", created), ("model", .string(request.model)),
                ("prompt_filter_results", .array([.object([
                    ("prompt_index", .int(0)),
                    ("content_filter_results", Self.contentFilterResults(["jailbreak"])),
                ])])),
                ("choices", .array([.object([
                    ("index", .int(0)),
                    ("finish_reason", .string("stop")),
                    ("logprobs", .null),
                    ("message", .object([("role", .string("assistant")), ("content", .string(answer)), ("refusal", .null)])),
                    ("content_filter_results", Self.contentFilterResults(["protected_material_code", "protected_material_text"])),
                ])])),
                ("usage", .object([
                    ("prompt_tokens", .int(promptTokens)), ("completion_tokens", .int(completionTokens)),
                    ("total_tokens", .int(promptTokens + completionTokens)),
                    ("prompt_tokens_details", .object([("cached_tokens", .int(0))])),
                    ("completion_tokens_details", .object([("reasoning_tokens", .int(0))])),
                ])),
                ("system_fingerprint", .string("fp_llm_stub")),
            ])
        }
    }

    /// Azure's per-category filter verdicts: nothing filtered.
    private static func contentFilterResults(_ detectors: [String]) -> JSONOut {
        let severities = ["hate", "self_harm", "sexual", "violence"].map {
            ($0, JSONOut.object([("filtered", .bool(false)), ("severity", .string("safe"))]))
        }
        let detections = detectors.map { ($0, JSONOut.object([("filtered", .bool(false)), ("detected", .bool(false))])) }
        return .object(severities + detections)
    }

    func failure(_ failure: StubFailure) -> (body: JSONOut, headers: [(String, String)]) {
        switch flavor {
        case .openAI: (openAIError(failure), [])
        case .azure: (azureError(failure), [])
        }
    }

    /// `{"error": {"message", "type", "param", "code"}}`.
    private func openAIError(_ failure: StubFailure) -> JSONOut {
        let (message, type, code): (String, String, String?) = switch failure {
        case .rateLimited:
            ("Rate limit reached for requests per min (RPM): Limit 60, Used 60, Requested 1. (llm-stub injected fault)",
             "requests", "rate_limit_exceeded")
        case .serverError: ("The server had an error while processing your request. Sorry about that!", "server_error", nil)
        case .unavailable: ("The server is overloaded or not ready yet.", "server_error", nil)
        case .overloaded: ("The engine is currently overloaded, please try again later.", "server_error", nil)
        case .badRequest(let message, _): (message, "invalid_request_error", nil)
        case .notFound(let message): (message, "invalid_request_error", "not_found")
        case .unauthorized(let message): (message, "invalid_request_error", "invalid_api_key")
        }
        return .object([("error", .object([
            ("message", .string(message)), ("type", .string(type)), ("param", .null), ("code", code.map(JSONOut.string) ?? .null),
        ]))])
    }

    /// `{"error": {"code", "message"}}` with Azure's string codes.
    private func azureError(_ failure: StubFailure) -> JSONOut {
        let (code, message): (String, String) = switch failure {
        case .rateLimited:
            ("429", "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded call rate limit of your current OpenAI S0 pricing tier. (llm-stub injected fault)")
        case .serverError: ("InternalServerError", "The server had an error while processing your request. Sorry about that!")
        case .unavailable: ("ServiceUnavailable", "The service is temporarily unable to process your request. Please try again later.")
        case .overloaded: ("ServiceUnavailable", "The model is currently overloaded. Please try again later.")
        case .badRequest(let message, _): ("BadRequest", message)
        case .notFound(let message): ("NotFound", message)
        case .unauthorized(let message): ("401", message)
        }
        return .object([("error", .object([("code", .string(code)), ("message", .string(message))]))])
    }
}
