import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalProviders

/// The answer every stub in these tests gives (`--answer text:…`).
private let stubAnswer = "verdict=TP confidence=0.91 summary=certutil download and execute"

/// The stub's token estimate: ⌈UTF-8 bytes / 4⌉.
private func stubTokens(_ text: String) -> Int { (text.utf8.count + 3) / 4 }

private let environment = [
    "STUB_KEY": "sk-stub-SECRET-1", "AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": "stub-secret-key",
    "AWS_SESSION_TOKEN": "stub-session-token", "ES_USER": "elastic", "ES_PASSWORD": "changeme",
]

private let params = ModelConfig.Parameters(temperature: 0, maxTokens: 64, seed: 7, topP: 0.5)

/// Builds `model` through the factory, pointed at `stub`.
private func provider(_ model: ModelConfig) throws -> any ModelProvider {
    try ProviderFactory.make(model, directory: "/tmp", environment: environment)
}

/// What one provider must send over the wire, as the stub records it.
struct WireCase: Sendable, CustomTestStringConvertible {
    let name: String
    let config: @Sendable (String) -> ModelConfig
    let path: String
    let query: String
    let headers: [String: String]
    let absentHeaders: [String]
    let bodyChecks: @Sendable ([String: Any]) -> Bool
    let expectsTokens: Bool
    var testDescription: String { name }
}

private func object(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }
private func firstObject(_ value: Any?) -> [String: Any] { (value as? [[String: Any]])?.first ?? [:] }

private let wireCases: [WireCase] = [
    WireCase(
        name: "openai", config: { ModelConfig(id: "o", provider: .openai, model: "gpt-4o-mini", baseURL: "\($0)/v1", apiKeyEnv: "STUB_KEY", params: params) },
        path: "/v1/chat/completions", query: "", headers: ["authorization": "Bearer sk-stub-SECRET-1", "content-type": "application/json"], absentHeaders: [],
        bodyChecks: { body in
            body["model"] as? String == "gpt-4o-mini" && body["max_tokens"] as? Int == 64 && body["seed"] as? Int == 7
                && body["temperature"] as? Double == 0 && body["top_p"] as? Double == 0.5 && firstObject(body["messages"])["role"] as? String == "user"
        },
        expectsTokens: true
    ),
    WireCase(
        name: "openai-compatible without key", config: { ModelConfig(id: "l", provider: .openai, model: "llama", baseURL: "\($0)/v1") },
        path: "/v1/chat/completions", query: "", headers: [:], absentHeaders: ["authorization"],
        bodyChecks: { $0["model"] as? String == "llama" && $0["seed"] == nil }, expectsTokens: true
    ),
    WireCase(
        name: "azure-openai deployment",
        config: { ModelConfig(id: "az", provider: .azureOpenAI, baseURL: $0, apiKeyEnv: "STUB_KEY", options: ["deployment": "gpt4o-prod", "api_version": "2024-10-21"], params: params) },
        path: "/openai/deployments/gpt4o-prod/chat/completions", query: "api-version=2024-10-21", headers: ["api-key": "sk-stub-SECRET-1"], absentHeaders: ["authorization"],
        bodyChecks: { $0["model"] == nil && $0["max_tokens"] as? Int == 64 }, expectsTokens: true
    ),
    WireCase(
        name: "azure-openai v1 with Entra token",
        config: { ModelConfig(id: "az1", provider: .azureOpenAI, model: "gpt4o-prod", baseURL: $0, options: ["auth": "entra", "bearer_token_env": "STUB_KEY"]) },
        path: "/openai/v1/chat/completions", query: "", headers: ["authorization": "Bearer sk-stub-SECRET-1"], absentHeaders: ["api-key"],
        bodyChecks: { $0["model"] as? String == "gpt4o-prod" }, expectsTokens: true
    ),
    WireCase(
        name: "anthropic", config: { ModelConfig(id: "an", provider: .anthropic, model: "claude-3-5-haiku", baseURL: $0, apiKeyEnv: "STUB_KEY") },
        path: "/v1/messages", query: "", headers: ["x-api-key": "sk-stub-SECRET-1", "anthropic-version": "2023-06-01"], absentHeaders: ["authorization"],
        bodyChecks: { $0["model"] as? String == "claude-3-5-haiku" && $0["max_tokens"] as? Int == 256 && firstObject($0["messages"])["role"] as? String == "user" },
        expectsTokens: true
    ),
    WireCase(
        name: "bedrock with a Bedrock API key",
        config: { ModelConfig(id: "bk", provider: .bedrock, model: "amazon.nova-lite-v1:0", baseURL: $0, apiKeyEnv: "STUB_KEY", options: ["region": "us-east-1"], params: params) },
        path: "/model/amazon.nova-lite-v1%3A0/converse", query: "", headers: ["authorization": "Bearer sk-stub-SECRET-1"], absentHeaders: ["x-amz-date"],
        bodyChecks: { object($0["inferenceConfig"])["maxTokens"] as? Int == 64 && object($0["inferenceConfig"])["topP"] as? Double == 0.5 },
        expectsTokens: true
    ),
    WireCase(
        name: "gemini", config: { ModelConfig(id: "g", provider: .gemini, model: "gemini-2.5-flash", baseURL: $0, apiKeyEnv: "STUB_KEY", params: params) },
        path: "/v1beta/models/gemini-2.5-flash:generateContent", query: "", headers: ["x-goog-api-key": "sk-stub-SECRET-1"], absentHeaders: ["authorization"],
        bodyChecks: { object($0["generationConfig"])["seed"] as? Int == 7 && object($0["generationConfig"])["maxOutputTokens"] as? Int == 64 },
        expectsTokens: true
    ),
    WireCase(
        name: "vertex",
        config: { ModelConfig(id: "v", provider: .vertex, model: "gemini-2.0-flash-001", baseURL: $0, options: ["project": "my-proj", "location": "europe-west4", "bearer_token_env": "STUB_KEY"]) },
        path: "/v1/projects/my-proj/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001:generateContent", query: "",
        headers: ["authorization": "Bearer sk-stub-SECRET-1"], absentHeaders: ["x-goog-api-key"],
        bodyChecks: { firstObject($0["contents"])["role"] as? String == "user" }, expectsTokens: true
    ),
    WireCase(
        name: "ollama", config: { ModelConfig(id: "ol", provider: .ollama, model: "llama3.2", baseURL: $0, params: params) },
        path: "/api/chat", query: "", headers: [:], absentHeaders: ["authorization"],
        bodyChecks: { $0["stream"] as? Bool == false && object($0["options"])["num_predict"] as? Int == 64 && $0["model"] as? String == "llama3.2" },
        expectsTokens: true
    ),
    WireCase(
        name: "elastic-inference with ApiKey",
        config: { ModelConfig(id: "es", provider: .elasticInference, baseURL: $0, apiKeyEnv: "STUB_KEY", options: ["inference_id": "openai-completion"], timeoutSeconds: 45) },
        path: "/_inference/completion/openai-completion", query: "timeout=45s", headers: ["authorization": "ApiKey sk-stub-SECRET-1"], absentHeaders: [],
        bodyChecks: { $0.count == 1 && $0["input"] is String }, expectsTokens: false
    ),
    WireCase(
        name: "elastic-inference with basic auth",
        config: { ModelConfig(id: "esb", provider: .elasticInference, baseURL: $0, options: ["inference_id": "x", "username_env": "ES_USER", "password_env": "ES_PASSWORD"]) },
        path: "/_inference/completion/x", query: "timeout=60s", headers: ["authorization": "Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="], absentHeaders: [],
        bodyChecks: { $0["input"] is String }, expectsTokens: false
    ),
]

@Suite("Providers against llm-stub over real HTTP", .boundedResources)
struct StubIntegrationTests {
    @Test("each provider sends a well-formed request and maps the answer and tokens", arguments: wireCases)
    func wire(_ wire: WireCase) async throws {
        let stub = try await StubServer(["--answer", "text:\(stubAnswer)"])
        let completion = try await provider(wire.config(stub.baseURL)).complete(samplePrompt)
        #expect(completion.text == stubAnswer)
        #expect(!completion.refused)
        if wire.expectsTokens {
            #expect(completion.inputTokens == stubTokens(samplePrompt.prompt))
            #expect(completion.outputTokens == stubTokens(stubAnswer))
        } else {
            #expect(completion.inputTokens == nil)
        }
        let recorded = try #require(try await stub.requests().last)
        #expect(recorded.method == "POST")
        #expect(recorded.path == wire.path)
        #expect(recorded.query == wire.query)
        for (name, value) in wire.headers { #expect(recorded.headers[name] == value, "\(name)") }
        for name in wire.absentHeaders { #expect(recorded.headers[name] == nil, "\(name) should be absent") }
        let body = try jsonObject(Data(recorded.body.utf8))
        #expect(wire.bodyChecks(body), "\(recorded.body)")
        #expect(recorded.body.contains("Security alerts to triage"))
    }

    @Test("Bedrock SigV4: the signature the stub received matches the exact bytes, path and host it received")
    func bedrockSigV4() async throws {
        let stub = try await StubServer(["--answer", "text:\(stubAnswer)"])
        let model = ModelConfig(id: "b", provider: .bedrock, model: "anthropic.claude-3-haiku-20240307-v1:0", baseURL: stub.baseURL, options: ["region": "us-west-2"])
        let completion = try await provider(model).complete(samplePrompt)
        #expect(completion.text == stubAnswer)
        let recorded = try #require(try await stub.requests().last)
        #expect(recorded.path == "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse")
        let authorization = try #require(recorded.headers["authorization"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDSTUB/"))
        #expect(authorization.contains("/us-west-2/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="))
        #expect(recorded.headers["x-amz-security-token"] == "stub-session-token")
        #expect(recorded.headers["host"] == "127.0.0.1:\(stub.port)")
        let amzDate = try #require(recorded.headers["x-amz-date"])
        let signer = SigV4Signer(
            credentials: SigV4Credentials(accessKeyID: "AKIDSTUB", secretAccessKey: Secret("stub-secret-key"), sessionToken: Secret("stub-session-token")),
            region: "us-west-2", service: "bedrock"
        )
        let signed = ["content-type", "host", "x-amz-date", "x-amz-security-token"].compactMap { name in recorded.headers[name].map { HTTPHeader(name, $0) } }
        #expect(signed.count == 4)
        let expected = signer.authorization(method: recorded.method, path: recorded.path, query: recorded.query, headers: signed, body: Data(recorded.body.utf8), amzDate: amzDate)
        #expect(expected == authorization)
    }

    /// A recorded error reply, served by the stub, and its classification.
    struct ReplyCase: Sendable, CustomTestStringConvertible {
        let fixture: String
        let status: Int
        let headers: [String]
        let config: @Sendable (String) -> ModelConfig
        let cause: ProviderError.Cause
        let retryable: Bool
        let retryAfter: Double?
        let messagePrefix: String
        var testDescription: String { fixture }
    }

    static let replyCases: [ReplyCase] = [
        ReplyCase(fixture: "openai_error_rate_limit.json", status: 429, headers: ["retry-after: 2"],
                  config: { ModelConfig(id: "o", provider: .openai, model: "m", baseURL: "\($0)/v1") },
                  cause: .rateLimited, retryable: true, retryAfter: 2, messagePrefix: "openai 429 rate_limit_exceeded: Rate limit reached for gpt-4.1"),
        ReplyCase(fixture: "openai_error_insufficient_quota.json", status: 429, headers: ["retry-after: 2"],
                  config: { ModelConfig(id: "o", provider: .openai, model: "m", baseURL: "\($0)/v1") },
                  cause: .quota, retryable: false, retryAfter: nil, messagePrefix: "openai 429 insufficient_quota: You exceeded your current quota"),
        ReplyCase(fixture: "anthropic_error_overloaded.json", status: 529, headers: [],
                  config: { ModelConfig(id: "a", provider: .anthropic, model: "m", baseURL: $0, apiKeyEnv: "STUB_KEY") },
                  cause: .server, retryable: true, retryAfter: nil, messagePrefix: "anthropic 529 overloaded_error: Overloaded"),
        ReplyCase(fixture: "anthropic_error_authentication.json", status: 401, headers: [],
                  config: { ModelConfig(id: "a", provider: .anthropic, model: "m", baseURL: $0, apiKeyEnv: "STUB_KEY") },
                  cause: .auth, retryable: false, retryAfter: nil, messagePrefix: "anthropic 401 authentication_error: invalid x-api-key"),
        ReplyCase(fixture: "bedrock_error_throttling.json", status: 429, headers: ["x-amzn-ErrorType: ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/"],
                  config: { ModelConfig(id: "b", provider: .bedrock, model: "m", baseURL: $0, options: ["region": "us-east-1"]) },
                  cause: .rateLimited, retryable: true, retryAfter: nil, messagePrefix: "bedrock 429 ThrottlingException: Too many tokens, please wait before trying again."),
        ReplyCase(fixture: "gemini_error_rate_limit.json", status: 429, headers: [],
                  config: { ModelConfig(id: "g", provider: .gemini, model: "m", baseURL: $0, apiKeyEnv: "STUB_KEY") },
                  cause: .rateLimited, retryable: true, retryAfter: 7, messagePrefix: "gemini 429 RESOURCE_EXHAUSTED: You exceeded your current quota"),
        ReplyCase(fixture: "ollama_error_model_not_found.json", status: 404, headers: [],
                  config: { ModelConfig(id: "ol", provider: .ollama, model: "llama3.2", baseURL: $0) },
                  cause: .notFound, retryable: false, retryAfter: nil, messagePrefix: "ollama 404: model \"llama3.2\" not found"),
        ReplyCase(fixture: "elastic_inference_error_rate_limit.json", status: 429, headers: [],
                  config: { ModelConfig(id: "e", provider: .elasticInference, baseURL: $0, apiKeyEnv: "STUB_KEY", options: ["inference_id": "x"]) },
                  cause: .rateLimited, retryable: true, retryAfter: nil, messagePrefix: "elastic-inference 429 status_exception: Received a rate limit status code"),
        ReplyCase(fixture: "llamacpp_error_loading.json", status: 503, headers: ["retry-after-ms: 1500"],
                  config: { ModelConfig(id: "o", provider: .openai, model: "m", baseURL: "\($0)/v1") },
                  cause: .server, retryable: true, retryAfter: 1.5, messagePrefix: "openai 503 unavailable_error: Loading model"),
    ]

    @Test("error replies over real HTTP map to cause, message, retryable and retry-after", arguments: replyCases)
    func errorReply(_ reply: ReplyCase) async throws {
        let body = try TestFixtures.path("providers/\(reply.fixture)")
        let stub = try await StubServer(["--reply-status", String(reply.status), "--reply-body", body] + reply.headers.flatMap { ["--reply-header", $0] })
        let model = try provider(reply.config(stub.baseURL))
        let error = try await #require(throws: ProviderError.self) { _ = try await model.complete(samplePrompt) }
        #expect(error.cause == reply.cause)
        #expect(error.retryable == reply.retryable)
        #expect(error.retryAfter == reply.retryAfter)
        #expect(error.message.hasPrefix(reply.messagePrefix), "\(error.message)")
    }

    @Test("Azure's prompt filter (HTTP 400 content_filter) over real HTTP is a refusal")
    func azureFilter() async throws {
        let body = try TestFixtures.path("providers/azure_openai_error_content_filter.json")
        let stub = try await StubServer(["--reply-status", "400", "--reply-body", body])
        let model = ModelConfig(id: "az", provider: .azureOpenAI, baseURL: stub.baseURL, apiKeyEnv: "STUB_KEY", options: ["deployment": "d"])
        let completion = try await provider(model).complete(samplePrompt)
        #expect(completion.refused)
        #expect(completion.text == "")
    }

    @Test("a dropped connection is a retryable transport error")
    func dropped() async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", "drop"])
        let model = ModelConfig(id: "o", provider: .openai, model: "m", baseURL: "\(stub.baseURL)/v1")
        let error = try await #require(throws: ProviderError.self) { _ = try await provider(model).complete(samplePrompt) }
        #expect(error.cause == .transport)
        #expect(error.retryable)
        #expect(error.message.hasPrefix("127.0.0.1:\(stub.port): "), "\(error.message)")
    }

    @Test("no answer within timeout_s is a retryable timeout")
    func timeout() async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", "timeout", "--timeout-ms", "120000"])
        let model = ModelConfig(id: "o", provider: .openai, model: "m", baseURL: "\(stub.baseURL)/v1", timeoutSeconds: 1)
        let start = ContinuousClock.now
        let error = try await #require(throws: ProviderError.self) { _ = try await provider(model).complete(samplePrompt) }
        #expect(error.cause == .timeout)
        #expect(error.retryable)
        #expect(ContinuousClock.now - start < .seconds(60))  // the stub would answer after 120 s; load can delay curl's timeout
    }

    @Test("a garbage 200 body is a retryable bad response; an empty answer is an empty text")
    func garbageAndEmpty() async throws {
        let garbage = try await StubServer(["--fault-rate", "1", "--faults", "garbage"])
        let model = ModelConfig(id: "an", provider: .anthropic, model: "m", baseURL: garbage.baseURL, apiKeyEnv: "STUB_KEY")
        let error = try await #require(throws: ProviderError.self) { _ = try await provider(model).complete(samplePrompt) }
        #expect(error.cause == .badResponse)
        #expect(error.retryable)

        let empty = try await StubServer(["--fault-rate", "1", "--faults", "empty"])
        let emptyModel = ModelConfig(id: "an", provider: .anthropic, model: "m", baseURL: empty.baseURL, apiKeyEnv: "STUB_KEY")
        let completion = try await provider(emptyModel).complete(samplePrompt)
        #expect(completion.text == "")
        #expect(!completion.refused)
    }
}
