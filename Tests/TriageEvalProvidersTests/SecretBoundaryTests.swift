import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalProviders

/// Keys never leave a provider, even when the API echoes them back in an error body (`llm-stub --echo-auth`
/// answers 401 in each provider's own error format with every credential the request carried).
@Suite("Secrets at the provider error boundary", .boundedResources)
struct SecretBoundaryTests {
    /// Realistic values (the redactor ignores secrets shorter than 6 characters); every provider reads its default variable.
    static let environment = [
        "OPENAI_API_KEY": "sk-proj-Q7t4e1Lx9NwZ3kRb", "AZURE_OPENAI_API_KEY": "az-7c91d0e4b2a5f836", "AZURE_OPENAI_AD_TOKEN": "eyJ0eXAiOiJKV1QiEntra",
        "ANTHROPIC_API_KEY": "sk-ant-api03-Yh2Kq8Vd", "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCY", "AWS_SESSION_TOKEN": "IQoJb3JpZ2luX2VjEStub",
        "AWS_BEARER_TOKEN_BEDROCK": "ABSKQmVkcm9ja0FQSUtleQ", "GEMINI_API_KEY": "AIzaSyD-3f9Qm2Lk7Rt",
        "GOOGLE_OAUTH_ACCESS_TOKEN": "ya29.a0AfB_byStubToken", "OLLAMA_PROXY_KEY": "ol-proxy-5d8e2c1a",
        "ELASTIC_API_KEY": "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
        "ELASTIC_USERNAME": "triage", "ELASTIC_PASSWORD": "s3cr3t-elastic-pw",
    ]

    static func models(_ base: String) -> [ModelConfig] {
        [
            ModelConfig(id: "openai", provider: .openai, model: "gpt-4o-mini", baseURL: "\(base)/v1", apiKeyEnv: "OPENAI_API_KEY"),
            ModelConfig(id: "azure", provider: .azureOpenAI, baseURL: base, options: ["deployment": "d"]),
            ModelConfig(id: "azure-entra", provider: .azureOpenAI, model: "d", baseURL: base, options: ["auth": "entra"]),
            ModelConfig(id: "anthropic", provider: .anthropic, model: "claude", baseURL: base),
            ModelConfig(id: "bedrock-sigv4", provider: .bedrock, model: "amazon.nova-lite-v1:0", baseURL: base, options: ["region": "us-east-1"]),
            ModelConfig(id: "bedrock-key", provider: .bedrock, model: "amazon.nova-lite-v1:0", baseURL: base, apiKeyEnv: "AWS_BEARER_TOKEN_BEDROCK", options: ["region": "us-east-1"]),
            ModelConfig(id: "gemini", provider: .gemini, model: "gemini-2.5-flash", baseURL: base),
            ModelConfig(id: "vertex", provider: .vertex, model: "gemini-2.0-flash-001", baseURL: base, options: ["project": "p"]),
            ModelConfig(id: "ollama", provider: .ollama, model: "llama3.2", baseURL: base, apiKeyEnv: "OLLAMA_PROXY_KEY"),
            ModelConfig(id: "elastic-key", provider: .elasticInference, baseURL: base, options: ["inference_id": "x"]),
            ModelConfig(id: "elastic-basic", provider: .elasticInference, baseURL: base, options: ["inference_id": "x", "username_env": "ELASTIC_USERNAME"]),
            ModelConfig(id: "esql", provider: .esqlCompletion, baseURL: base, options: ["inference_id": "x"]),
        ]
    }

    static let spec = OutputSpec(format: .dissect(pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}", appendSeparator: ""))

    static let secretValues = environment.filter { $0.key != "ELASTIC_USERNAME" }.map(\.value)

    @Test("an echoed credential is redacted from every provider's error")
    func echoedKeysAreRedacted() async throws {
        let stub = try await StubServer(["--echo-auth"])
        for model in Self.models(stub.baseURL) {
            let provider = try ProviderFactory.make(model, directory: "/tmp", environment: Self.environment)
            let request = CompletionRequest(prompt: "host WS-1 certutil", caseID: "c", sample: 0, output: Self.spec)
            do {
                _ = try await provider.complete(request)
                Issue.record("\(model.id): a 401 was answered")
            } catch {
                #expect(error.cause == .auth, "\(model.id): \(error)")
                #expect(error.message.contains("Incorrect API key provided"), "\(model.id): \(error.message)")
                #expect(error.message.contains(SecretRedactor.mask), "\(model.id): the stub echoed nothing: \(error.message)")
                for secret in Self.secretValues {
                    #expect(!error.message.contains(secret), "\(model.id) leaks \(secret): \(error.message)")
                }
            }
        }
        // The stub did receive the real keys: the redaction is the client's.
        let sent = try await stub.requests().flatMap(\.headers.values).joined(separator: " ")
        #expect(sent.contains("sk-ant-api03-Yh2Kq8Vd") && sent.contains("IQoJb3JpZ2luX2VjEStub"))
    }

    @Test("a batching provider stays a batcher and its batch errors are redacted")
    func batchErrorsAreRedacted() async throws {
        let stub = try await StubServer(["--echo-auth"])
        let model = ModelConfig(id: "esql", provider: .esqlCompletion, baseURL: stub.baseURL, options: ["inference_id": "x"])
        let batcher = try #require(try ProviderFactory.make(model, directory: "/tmp", environment: Self.environment) as? any BatchModelProvider)
        #expect(batcher.maxBatchSize == 100)
        let requests = (0..<3).map { CompletionRequest(prompt: "p\($0)", caseID: "c\($0)", sample: 0, output: Self.spec) }
        do {
            _ = try await batcher.completeBatch(requests)
            Issue.record("a 401 was answered")
        } catch {
            #expect(error.message.contains(SecretRedactor.mask))
            #expect(!error.message.contains(Self.environment["ELASTIC_API_KEY"]!))
        }
    }

    @Test("every secret a model reads is known for redaction: defaults, SigV4 secret key and token, Elastic password")
    func secretsReadIncludeDefaults() throws {
        let read = Set(ProviderFactory.secrets(of: Self.models("http://127.0.0.1:9"), environment: Self.environment))
        for name in ["OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "ANTHROPIC_API_KEY", "AWS_ACCESS_KEY_ID",
                     "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK", "GEMINI_API_KEY",
                     "GOOGLE_OAUTH_ACCESS_TOKEN", "OLLAMA_PROXY_KEY", "ELASTIC_API_KEY", "ELASTIC_PASSWORD"] {
            #expect(read.contains(Self.environment[name]!), "\(name) is not redacted")
        }
        #expect(read.contains(Data("triage:s3cr3t-elastic-pw".utf8).base64EncodedString()), "the Basic credential is not redacted")
        #expect(!read.contains("triage"), "a user name is not a secret")
    }

    @Test("a secret in a transport or decoding error is redacted as well")
    func transportErrorsAreRedacted() async throws {
        struct Echo: HTTPTransport {
            func send(_ request: HTTPRequest) async throws(ProviderError) -> HTTPResponse {
                throw ProviderError(.transport, "proxy refused \(request.headers.map { "\($0.name)=\($0.value)" })")
            }
        }
        let model = ModelConfig(id: "bedrock-sigv4", provider: .bedrock, model: "m", options: ["region": "us-east-1"])
        let provider = try ProviderFactory.make(model, directory: "/tmp", environment: Self.environment, transport: Echo())
        do {
            _ = try await provider.complete(CompletionRequest(prompt: "p", caseID: "c", sample: 0, output: Self.spec))
            Issue.record("the transport always fails")
        } catch {
            #expect(error.message.contains(SecretRedactor.mask))
            #expect(!error.message.contains("IQoJb3JpZ2luX2VjEStub"))
        }
    }
}
