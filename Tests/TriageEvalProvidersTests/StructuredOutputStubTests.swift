import Foundation
import StubTestSupport
import Testing
@testable import TriageEval
@testable import TriageEvalProviders

/// The schema a prompt declares (`output.schema`), in OpenAI strict form.
private let schema = ResponseSchema(name: "alert-analyzer", value: ResponseSchema.parse(json: """
    {"type": "object", "properties": {"verdict": {"type": "string", "enum": ["TP", "FP", "SUSPICIOUS"]},
     "confidence": {"type": "number"}, "summary": {"type": "string"}},
     "required": ["verdict", "confidence", "summary"], "additionalProperties": false}
    """)!)

private let structuredRequest = CompletionRequest(
    prompt: "Alert: {\"host.name\": \"ws-01\"}", system: "You are a SOC analyst.", caseID: "c1", sample: 0, output: .esqlTriage, schema: schema
)

private let answer = #"{"verdict":"TP","confidence":0.9,"summary":"encoded PowerShell from Word"}"#
private let environment = ["STUB_KEY": "sk-stub-1", "AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": "stub-secret-key"]

/// One provider's structured-output shape: its config against a stub, the documented example body (Tests/Fixtures)
/// and the members of the body that carry the schema.
struct StructuredCase: Sendable, CustomTestStringConvertible {
    let name: String
    let config: @Sendable (String) -> ModelConfig
    let fixture: String
    /// Top-level members holding the structured-output request part.
    let members: [String]
    /// The path the request must go to.
    let path: String
    var testDescription: String { name }
}

private let cases: [StructuredCase] = [
    StructuredCase(
        name: "openai chat: response_format json_schema, strict", config: { ModelConfig(id: "o", provider: .openai, model: "gpt-4.1", baseURL: "\($0)/v1") },
        fixture: "openai_chat_json_schema_request.json", members: ["response_format"], path: "/v1/chat/completions"
    ),
    StructuredCase(
        name: "openai responses: text.format json_schema", config: { ModelConfig(id: "r", provider: .openai, model: "gpt-4.1", baseURL: "\($0)/v1", options: ["api": "responses"]) },
        fixture: "openai_responses_json_schema_request.json", members: ["text"], path: "/v1/responses"
    ),
    StructuredCase(
        name: "azure-openai chat (deployment): response_format",
        config: { ModelConfig(id: "az", provider: .azureOpenAI, baseURL: $0, apiKeyEnv: "STUB_KEY", options: ["deployment": "d"]) },
        fixture: "openai_chat_json_schema_request.json", members: ["response_format"], path: "/openai/deployments/d/chat/completions"
    ),
    StructuredCase(
        name: "azure-openai responses (v1): text.format",
        config: { ModelConfig(id: "azr", provider: .azureOpenAI, model: "d", baseURL: $0, apiKeyEnv: "STUB_KEY", options: ["api": "responses"]) },
        fixture: "openai_responses_json_schema_request.json", members: ["text"], path: "/openai/v1/responses"
    ),
    StructuredCase(
        name: "azure-openai responses (deployment): text.format",
        config: { ModelConfig(id: "azd", provider: .azureOpenAI, baseURL: $0, apiKeyEnv: "STUB_KEY", options: ["api": "responses", "deployment": "d"]) },
        fixture: "openai_responses_json_schema_request.json", members: ["text"], path: "/openai/responses"
    ),
    StructuredCase(
        name: "anthropic: a tool with input_schema, forced by tool_choice",
        config: { ModelConfig(id: "an", provider: .anthropic, model: "claude-sonnet-4-20250514", baseURL: $0, apiKeyEnv: "STUB_KEY") },
        fixture: "anthropic_forced_tool_request.json", members: ["tools", "tool_choice"], path: "/v1/messages"
    ),
    StructuredCase(
        name: "bedrock: toolConfig with inputSchema.json, forced by toolChoice",
        config: { ModelConfig(id: "b", provider: .bedrock, model: "anthropic.claude-3-haiku-20240307-v1:0", baseURL: $0, options: ["region": "us-east-1"]) },
        fixture: "bedrock_converse_tool_request.json", members: ["toolConfig"], path: "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"
    ),
    StructuredCase(
        name: "gemini: responseMimeType + responseSchema",
        config: { ModelConfig(id: "g", provider: .gemini, model: "gemini-2.5-flash", baseURL: $0, apiKeyEnv: "STUB_KEY") },
        fixture: "gemini_response_schema_request.json", members: ["generationConfig"], path: "/v1beta/models/gemini-2.5-flash:generateContent"
    ),
    StructuredCase(
        name: "vertex: responseMimeType + responseSchema",
        config: { ModelConfig(id: "v", provider: .vertex, model: "gemini-2.0-flash-001", baseURL: $0, options: ["project": "p", "bearer_token_env": "STUB_KEY"]) },
        fixture: "gemini_response_schema_request.json", members: ["generationConfig"],
        path: "/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash-001:generateContent"
    ),
    StructuredCase(
        name: "ollama: format is the schema", config: { ModelConfig(id: "ol", provider: .ollama, model: "llama3.2", baseURL: $0) },
        fixture: "ollama_format_schema_request.json", members: ["format"], path: "/api/chat"
    ),
]

/// Dotted key paths of a JSON value (`[]` for array items); below a key in `opaque` (a schema) nothing is listed.
func keyPaths(_ value: Any, prefix: String = "", opaque: Set<String> = ["schema", "input_schema", "json", "responseSchema"]) -> Set<String> {
    var paths: Set<String> = []
    if let object = value as? [String: Any] {
        for (key, member) in object {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            paths.insert(path)
            if opaque.contains(key), member is [String: Any] { continue }
            paths.formUnion(keyPaths(member, prefix: path, opaque: opaque))
        }
    } else if let items = value as? [Any] {
        for item in items { paths.formUnion(keyPaths(item, prefix: prefix + "[]", opaque: opaque)) }
    }
    return paths
}

@Suite("Structured outputs: each provider sends the schema in its documented shape, checked at llm-stub", .boundedResources)
struct StructuredOutputStubTests {
    @Test("the request carries the schema where the provider documents it; the stub answers in the structured shape; the answer is the object", arguments: cases)
    func shape(_ shape: StructuredCase) async throws {
        let stub = try await StubServer(["--require-schema", "--answer", "text:\(answer)"])
        let provider = try ProviderFactory.make(shape.config(stub.baseURL), directory: "/tmp", environment: environment)
        let completion = try await provider.complete(structuredRequest)
        #expect(completion.text == answer)
        #expect(completion.inputTokens != nil && completion.outputTokens != nil)

        let recorded = try #require(try await stub.requests().last)
        #expect(recorded.path.removingPercentEncoding == shape.path.removingPercentEncoding)
        let body = try jsonObject(Data(recorded.body.utf8))
        let documented = try jsonObject(try TestFixtures.data("providers/structured/\(shape.fixture)"))
        for member in shape.members {
            let ours = try #require(body[member], "\(member) missing: \(recorded.body)")
            let theirs = try #require(documented[member])
            // Ollama's `format` is the schema itself; elsewhere the schema sits below the shape's own keys.
            let opaque: Set<String> = member == "format" ? ["format"] : ["schema", "input_schema", "json", "responseSchema"]
            #expect(keyPaths([member: ours], opaque: opaque) == keyPaths([member: theirs], opaque: opaque), "\(member): \(recorded.body)")
        }
        // The schema itself is the prompt's (Gemini: in its subset, upper-case types).
        let sent = try #require(Self.sentSchema(body))
        let expected = shape.fixture.hasPrefix("gemini") ? try schema.geminiSchema().compactText : schema.text
        #expect(NSDictionary(dictionary: sent) == NSDictionary(dictionary: try jsonObject(Data(expected.utf8))))
    }

    /// The schema object wherever the shape puts it.
    static func sentSchema(_ body: [String: Any]) -> [String: Any]? {
        if let format = body["response_format"] as? [String: Any] { return (format["json_schema"] as? [String: Any])?["schema"] as? [String: Any] }
        if let text = body["text"] as? [String: Any] { return (text["format"] as? [String: Any])?["schema"] as? [String: Any] }
        if let tools = body["tools"] as? [[String: Any]] { return tools.first?["input_schema"] as? [String: Any] }
        if let config = body["toolConfig"] as? [String: Any] {
            let spec = ((config["tools"] as? [[String: Any]])?.first?["toolSpec"] as? [String: Any])
            return (spec?["inputSchema"] as? [String: Any])?["json"] as? [String: Any]
        }
        if let config = body["generationConfig"] as? [String: Any] { return config["responseSchema"] as? [String: Any] }
        return body["format"] as? [String: Any]
    }

    @Test("the system part keeps working with a schema in every shape", arguments: cases)
    func systemWithSchema(_ shape: StructuredCase) async throws {
        let stub = try await StubServer(["--require-schema", "--answer", "echo"])
        let provider = try ProviderFactory.make(shape.config(stub.baseURL), directory: "/tmp", environment: environment)
        let completion = try await provider.complete(structuredRequest)
        let echoed = try #require(try JSONSerialization.jsonObject(with: Data(completion.text.utf8)) as? [String: Any])
        #expect(echoed["system"] as? String == structuredRequest.system)
        #expect(echoed["user"] as? String == structuredRequest.prompt)
    }

    @Test("without a schema the request carries none: --require-schema answers 400 and the provider reports it", arguments: cases)
    func noSchema(_ shape: StructuredCase) async throws {
        let stub = try await StubServer(["--require-schema", "--answer", "text:\(answer)"])
        let provider = try ProviderFactory.make(shape.config(stub.baseURL), directory: "/tmp", environment: environment)
        var plain = structuredRequest
        plain.schema = nil
        await #expect(throws: ProviderError.self) { _ = try await provider.complete(plain) }
        let body = try jsonObject(Data(try #require(try await stub.requests().last).body.utf8))
        #expect(Self.sentSchema(body) == nil)
        #expect(try await stub.stats().byStatus["400"] == 1)
    }

    @Test("malformed structured requests get the provider's 400")
    func malformed() async throws {
        let stub = try await StubServer(["--answer", "text:\(answer)"])
        let user: [String: Any] = ["role": "user", "content": "x"]
        let loose: [String: Any] = ["type": "object", "properties": ["v": ["type": "string"]]]
        let rejected: [(String, [String: Any], String)] = [
            ("/v1/chat/completions", ["model": "m", "messages": [user],
              "response_format": ["type": "json_schema", "json_schema": ["name": "n", "strict": true, "schema": loose]]],
             "'additionalProperties' is required to be supplied and to be false"),
            ("/v1/chat/completions", ["model": "m", "messages": [user],
              "response_format": ["type": "json_schema", "json_schema": ["name": "bad name", "schema": loose]]], "does not match pattern"),
            ("/v1/responses", ["model": "m", "input": [user], "seed": 1], "Unknown parameter: 'seed'."),
            ("/v1/responses", ["model": "m", "input": [user],
              "text": ["format": ["type": "json_schema", "name": "n", "strict": true,
                                  "schema": ["type": "object", "properties": ["v": ["type": "string"]], "additionalProperties": false]]]],
             "Missing 'v'"),
            ("/v1/messages", ["model": "m", "max_tokens": 5, "messages": [user], "tools": [["name": "t", "input_schema": loose]],
              "tool_choice": ["type": "tool", "name": "other"]], "Tool 'other' not found in tools"),
            ("/v1/messages", ["model": "m", "max_tokens": 5, "messages": [user], "tools": [["name": "t", "input_schema": ["type": "string"]]]],
             "input_schema.type: Input should be 'object'"),
            ("/model/m/converse", ["messages": [["role": "user", "content": [["text": "x"]]]],
              "toolConfig": ["tools": [["toolSpec": ["name": "t", "inputSchema": ["json": loose]]]], "toolChoice": ["tool": ["name": "u"]]]],
             "is not in the list of tools"),
            ("/v1beta/models/g:generateContent", ["contents": [["role": "user", "parts": [["text": "x"]]]],
              "generationConfig": ["responseMimeType": "application/json", "responseSchema": ["type": "OBJECT", "additionalProperties": false]]],
             #"Unknown name \"additionalProperties\" at 'generation_config.response_schema': Cannot find field."#),
            ("/v1beta/models/g:generateContent", ["contents": [["role": "user", "parts": [["text": "x"]]]],
              "generationConfig": ["responseSchema": ["type": "OBJECT"]]], "response_mime_type: application/json"),
        ]
        for (path, body, message) in rejected {
            let response = try await stub.post(path, json: body)
            #expect(response.status == 400, "\(path)")
            #expect(String(decoding: response.body, as: UTF8.self).contains(message), "\(path): \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    @Test("documented structured responses map to the answer text: tool_use input, toolUse input, output_text")
    func responses() throws {
        let anthropic = AnthropicProvider(transport: UnusedTransport(), model: "m", apiKey: Secret("k"), params: .init())
        let toolUse = try anthropic.completion(from: HTTPResponse(status: 200, body: TestFixtures.data("providers/structured/anthropic_tool_use_response.json")))
        #expect(toolUse.text == #"{"description":"A calm sea at dusk.","key_colors":[{"r":0.1,"g":0.2,"b":0.5,"name":"navy"}]}"#)
        #expect(toolUse.inputTokens == 472 && toolUse.outputTokens == 67 && !toolUse.refused)

        let bedrock = BedrockProvider(transport: UnusedTransport(), modelID: "m", region: "us-east-1", auth: .apiKey(Secret("k")), params: .init())
        let converse = try bedrock.completion(from: HTTPResponse(status: 200, body: TestFixtures.data("providers/structured/bedrock_converse_tool_use_response.json")))
        #expect(converse.text == #"{"sign":"WZPZ"}"#)
        #expect(converse.inputTokens == 375 && converse.outputTokens == 40)

        let responses = OpenAIProvider(transport: UnusedTransport(), model: "gpt-4.1", apiKey: nil, params: .init(), api: .responses)
        let output = try responses.completion(from: HTTPResponse(status: 200, body: TestFixtures.data("providers/structured/openai_responses_success.json")))
        #expect(output.text.hasPrefix("In a peaceful grove beneath a silver moon, a unicorn named Lumina"))
        #expect(output.inputTokens == 36 && output.outputTokens == 87)
    }

    @Test("the Responses API body: role messages in input, no seed, max_output_tokens, store false")
    func responsesBody() throws {
        let provider = OpenAIProvider(
            transport: UnusedTransport(), model: "gpt-4.1", apiKey: Secret("k"), params: .init(temperature: 0, maxTokens: 64, seed: 7), api: .responses
        )
        let request = try provider.httpRequest(for: structuredRequest)
        #expect(request.url.absoluteString == "https://api.openai.com/v1/responses")
        let body = try jsonObject(request.body)
        let input = try #require(body["input"] as? [[String: Any]])
        #expect(input.map { $0["role"] as? String } == ["system", "user"])
        #expect(body["seed"] == nil && body["max_output_tokens"] as? Int == 64 && body["store"] as? Bool == false)
    }

    @Test("llm-stub's Responses routes: input as a string or role messages, instructions as the system part, answer in output_text")
    func responsesRoute() async throws {
        let stub = try await StubServer(["--answer", "echo"])
        for path in ["/v1/responses", "/openai/v1/responses", "/openai/responses?api-version=2025-04-01-preview"] {
            let plain = try await stub.post(path, json: ["model": "m", "instructions": "Be brief.", "input": "Host ws-01"])
            #expect(plain.status == 200, "\(path)")
            let body = try jsonObject(plain.body)
            #expect(body["object"] as? String == "response" && body["status"] as? String == "completed")
            let message = try #require((body["output"] as? [[String: Any]])?.first)
            let part = try #require((message["content"] as? [[String: Any]])?.first)
            #expect(message["type"] as? String == "message" && part["type"] as? String == "output_text")
            let echoed = try jsonObject(Data(try #require(part["text"] as? String).utf8))
            #expect(echoed["system"] as? String == "Be brief." && echoed["user"] as? String == "Host ws-01")
            let usage = try #require(body["usage"] as? [String: Any])
            #expect(usage["input_tokens"] is Int && usage["output_tokens"] is Int)
        }
        let roles = try await stub.post("/v1/responses", json: ["model": "m", "input": [
            ["role": "system", "content": "S"], ["role": "user", "content": [["type": "input_text", "text": "U"]]],
        ]])
        let part = try #require(((try jsonObject(roles.body)["output"] as? [[String: Any]])?.first?["content"] as? [[String: Any]])?.first)
        let echoed = try jsonObject(Data(try #require(part["text"] as? String).utf8))
        #expect(echoed["system"] as? String == "S" && echoed["user"] as? String == "U")
        let error = try await stub.post("/v1/responses", json: ["model": "m", "messages": [["role": "user", "content": "x"]]])
        #expect(error.status == 400)
        #expect(String(decoding: error.body, as: UTF8.self).contains("Unknown parameter: 'messages'."))
    }
}
