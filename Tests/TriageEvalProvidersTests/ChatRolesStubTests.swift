import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalProviders

/// A prompt with a system part, sent by each chat provider to `llm-stub --answer echo`, which answers with
/// the system and user parts it read from that provider's wire format.
private let rolesRequest = CompletionRequest(
    prompt: "Alert: {\"host.name\": \"ws-01\"} \\ é",
    system: "You are a SOC analyst.\nAnswer in JSON only.",
    caseID: "c1", sample: 0, output: .esqlTriage
)

private let environment = ["STUB_KEY": "sk-stub-1", "AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": "stub-secret-key"]

/// One chat provider and where its request must carry the system part.
struct RolesCase: Sendable, CustomTestStringConvertible {
    let name: String
    let config: @Sendable (String) -> ModelConfig
    /// The request body as the stub recorded it has the system part in the provider's place, and nowhere else.
    let shape: @Sendable ([String: Any]) -> Bool
    var testDescription: String { name }
}

private func messages(_ body: [String: Any]) -> [[String: Any]] { body["messages"] as? [[String: Any]] ?? [] }
private let system = rolesRequest.system ?? ""

private let rolesCases: [RolesCase] = [
    RolesCase(
        name: "openai: a system message first",
        config: { ModelConfig(id: "o", provider: .openai, model: "m", baseURL: "\($0)/v1") },
        shape: { body in
            let m = messages(body)
            return m.count == 2 && m[0]["role"] as? String == "system" && m[0]["content"] as? String == system && m[1]["role"] as? String == "user"
        }
    ),
    RolesCase(
        name: "azure-openai: a system message first",
        config: { ModelConfig(id: "az", provider: .azureOpenAI, baseURL: $0, apiKeyEnv: "STUB_KEY", options: ["deployment": "d"]) },
        shape: { body in
            let m = messages(body)
            return m.count == 2 && m[0]["role"] as? String == "system" && m[0]["content"] as? String == system
        }
    ),
    RolesCase(
        name: "anthropic: top-level system, only the user message in messages",
        config: { ModelConfig(id: "an", provider: .anthropic, model: "m", baseURL: $0, apiKeyEnv: "STUB_KEY") },
        shape: { body in
            body["system"] as? String == system && messages(body).count == 1 && messages(body)[0]["role"] as? String == "user"
        }
    ),
    RolesCase(
        name: "bedrock: top-level system blocks",
        config: { ModelConfig(id: "b", provider: .bedrock, model: "amazon.nova-lite-v1:0", baseURL: $0, options: ["region": "us-east-1"]) },
        shape: { body in
            (body["system"] as? [[String: Any]])?.first?["text"] as? String == system && messages(body).count == 1
        }
    ),
    RolesCase(
        name: "gemini: systemInstruction parts",
        config: { ModelConfig(id: "g", provider: .gemini, model: "gemini-2.5-flash", baseURL: $0, apiKeyEnv: "STUB_KEY") },
        shape: { body in
            let instruction = body["systemInstruction"] as? [String: Any]
            return (instruction?["parts"] as? [[String: Any]])?.first?["text"] as? String == system
                && (body["contents"] as? [Any])?.count == 1
        }
    ),
    RolesCase(
        name: "vertex: systemInstruction parts",
        config: { ModelConfig(id: "v", provider: .vertex, model: "gemini-2.0-flash-001", baseURL: $0, options: ["project": "p", "bearer_token_env": "STUB_KEY"]) },
        shape: { body in
            ((body["systemInstruction"] as? [String: Any])?["parts"] as? [[String: Any]])?.first?["text"] as? String == system
        }
    ),
    RolesCase(
        name: "ollama: a system message first",
        config: { ModelConfig(id: "ol", provider: .ollama, model: "llama3.2", baseURL: $0) },
        shape: { body in
            let m = messages(body)
            return m.count == 2 && m[0]["role"] as? String == "system" && m[0]["content"] as? String == system
        }
    ),
]

@Suite("Chat roles: each provider sends the system part where its API expects it", .boundedResources)
struct ChatRolesStubTests {
    @Test("the stub reads back the system and user parts from each wire format", arguments: rolesCases)
    func roles(_ roles: RolesCase) async throws {
        let stub = try await StubServer(["--answer", "echo"])
        let provider = try ProviderFactory.make(roles.config(stub.baseURL), directory: "/tmp", environment: environment)
        let completion = try await provider.complete(rolesRequest)
        let echoed = try #require(try JSONSerialization.jsonObject(with: Data(completion.text.utf8)) as? [String: Any])
        #expect(echoed["system"] as? String == rolesRequest.system)
        #expect(echoed["user"] as? String == rolesRequest.prompt)
        let recorded = try #require(try await stub.requests().last)
        let body = try jsonObject(Data(recorded.body.utf8))
        #expect(roles.shape(body), "\(recorded.body)")
    }

    @Test("without a system part the request has none and the stub reads none")
    func noSystem() async throws {
        let stub = try await StubServer(["--answer", "echo"])
        for config in [
            ModelConfig(id: "an", provider: .anthropic, model: "m", baseURL: stub.baseURL, apiKeyEnv: "STUB_KEY"),
            ModelConfig(id: "g", provider: .gemini, model: "m", baseURL: stub.baseURL, apiKeyEnv: "STUB_KEY"),
            ModelConfig(id: "o", provider: .openai, model: "m", baseURL: "\(stub.baseURL)/v1"),
        ] {
            let provider = try ProviderFactory.make(config, directory: "/tmp", environment: environment)
            let completion = try await provider.complete(samplePrompt)
            let echoed = try #require(try JSONSerialization.jsonObject(with: Data(completion.text.utf8)) as? [String: Any])
            #expect(echoed["system"] is NSNull, "\(config.provider)")
            let body = try jsonObject(Data(try #require(try await stub.requests().last).body.utf8))
            #expect(body["system"] == nil && body["systemInstruction"] == nil)
            #expect(messages(body).allSatisfy { $0["role"] as? String != "system" })
        }
    }

    @Test("the stub refuses a system part where the API would: an Anthropic or Bedrock system message, a Gemini system role")
    func misplacedSystem() async throws {
        let stub = try await StubServer(["--answer", "echo"])
        let systemMessage: [String: Any] = ["role": "system", "content": "x"]
        let user: [String: Any] = ["role": "user", "content": "hi"]
        let anthropic = try await stub.post("/v1/messages", json: ["model": "m", "max_tokens": 5, "messages": [systemMessage, user]])
        #expect(anthropic.status == 400)
        #expect(String(decoding: anthropic.body, as: UTF8.self).contains("top-level `system` parameter"))
        let bedrock = try await stub.post("/model/m/converse", json: ["messages": [["role": "system", "content": [["text": "x"]]], ["role": "user", "content": [["text": "hi"]]]]])
        #expect(bedrock.status == 400)
        let gemini = try await stub.post(
            "/v1beta/models/m:generateContent",
            json: ["contents": [["role": "system", "parts": [["text": "x"]]], ["role": "user", "parts": [["text": "hi"]]]]]
        )
        #expect(gemini.status == 400)
    }

    @Test("one-prompt-string providers refuse a system part rather than drop it")
    func onePromptString() async throws {
        for config in [
            ModelConfig(id: "e", provider: .elasticInference, baseURL: "http://127.0.0.1:9", apiKeyEnv: "STUB_KEY", options: ["inference_id": "x"]),
            ModelConfig(id: "q", provider: .esqlCompletion, baseURL: "http://127.0.0.1:9", apiKeyEnv: "STUB_KEY", options: ["inference_id": "x"]),
        ] {
            // The request is refused while being built, before anything is sent (port 9 is never reached).
            let provider = try ProviderFactory.make(config, directory: "/tmp", environment: environment)
            let error = try await #require(throws: ProviderError.self) { _ = try await provider.complete(rolesRequest) }
            #expect(error.cause == .configuration)
        }
    }
}
