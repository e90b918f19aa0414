import Foundation
import Testing
import TriageEval
@testable import TriageEvalProviders

private let params = ModelConfig.Parameters(temperature: 0, maxTokens: 200, seed: 7, topP: 0.9)

@Suite("Provider request building")
struct RequestBuildingTests {
    @Test("OpenAI: /chat/completions, bearer key, max_completion_tokens at api.openai.com")
    func openAI() throws {
        let provider = OpenAIProvider(transport: UnusedTransport(), model: "gpt-4o-mini", apiKey: Secret("sk-abc"), params: params)
        let request = try provider.httpRequest(for: samplePrompt)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://api.openai.com/v1/chat/completions")
        #expect(header(request, "Authorization") == "Bearer sk-abc")
        #expect(header(request, "Content-Type") == "application/json")
        let body = try jsonObject(request.body)
        #expect(body["model"] as? String == "gpt-4o-mini")
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.count == 1)
        #expect(messages.first?["role"] as? String == "user")
        #expect(messages.first?["content"] as? String == samplePrompt.prompt)
        #expect(body["temperature"] as? Double == 0)
        #expect(body["max_completion_tokens"] as? Int == 200)
        #expect(body["max_tokens"] == nil)
        #expect(body["seed"] as? Int == 7)
        #expect(body["top_p"] as? Double == 0.9)
    }

    @Test("OpenAI-compatible server: max_tokens, no Authorization without a key, unset params omitted")
    func openAICompatible() throws {
        let provider = OpenAIProvider(
            transport: UnusedTransport(), baseURL: "http://localhost:8000/v1/", model: "llama", apiKey: nil, params: ModelConfig.Parameters(maxTokens: 64)
        )
        let request = try provider.httpRequest(for: samplePrompt)
        #expect(request.url.absoluteString == "http://localhost:8000/v1/chat/completions")
        #expect(header(request, "Authorization") == nil)
        let body = try jsonObject(request.body)
        #expect(body["max_tokens"] as? Int == 64)
        #expect(body["temperature"] == nil)
        #expect(body["seed"] == nil)
    }

    @Test("Azure: deployment URL with api-version and api-key; v1 URL with model; Entra bearer")
    func azure() throws {
        let deployment = AzureOpenAIProvider(
            transport: UnusedTransport(), baseURL: "https://res.openai.azure.com", route: .deployment(name: "gpt4o-prod", apiVersion: "2024-10-21"),
            auth: .apiKey(Secret("azkey")), params: params
        )
        let request = try deployment.httpRequest(for: samplePrompt)
        #expect(request.url.absoluteString == "https://res.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21")
        #expect(header(request, "api-key") == "azkey")
        #expect(header(request, "Authorization") == nil)
        let body = try jsonObject(request.body)
        #expect(body["model"] == nil)
        #expect(body["max_tokens"] as? Int == 200)
        #expect(body["seed"] as? Int == 7)

        let v1 = AzureOpenAIProvider(
            transport: UnusedTransport(), baseURL: "https://res.openai.azure.com", route: .v1(model: "gpt4o-prod"),
            auth: .entraToken(Secret("eyJ0eXAi")), params: params
        )
        let v1Request = try v1.httpRequest(for: samplePrompt)
        #expect(v1Request.url.absoluteString == "https://res.openai.azure.com/openai/v1/chat/completions")
        #expect(header(v1Request, "Authorization") == "Bearer eyJ0eXAi")
        #expect(header(v1Request, "api-key") == nil)
        #expect(try jsonObject(v1Request.body)["model"] as? String == "gpt4o-prod")
    }

    @Test("Anthropic: /v1/messages, x-api-key, anthropic-version, max_tokens defaults to 256, no seed")
    func anthropic() throws {
        let provider = AnthropicProvider(transport: UnusedTransport(), model: "claude-sonnet-4", apiKey: Secret("ant-key"), params: ModelConfig.Parameters(temperature: 0.2, seed: 3))
        let request = try provider.httpRequest(for: samplePrompt)
        #expect(request.url.absoluteString == "https://api.anthropic.com/v1/messages")
        #expect(header(request, "x-api-key") == "ant-key")
        #expect(header(request, "anthropic-version") == "2023-06-01")
        let body = try jsonObject(request.body)
        #expect(body["max_tokens"] as? Int == 256)
        #expect(body["temperature"] as? Double == 0.2)
        #expect(body["seed"] == nil)
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.first?["content"] as? String == samplePrompt.prompt)
    }

    @Test("Bedrock: model id encoded as one path segment, SigV4 headers, inferenceConfig")
    func bedrockSigV4() throws {
        let credentials = SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Secret("secret"), sessionToken: Secret("token"))
        let date = Date(timeIntervalSince1970: 1_440_938_160)
        let provider = BedrockProvider(
            transport: UnusedTransport(), modelID: "us.anthropic.claude-3-haiku-20240307-v1:0", region: "eu-west-1", auth: .sigV4(credentials),
            params: params, now: { date }
        )
        let request = try provider.httpRequest(for: samplePrompt)
        #expect(request.url.absoluteString == "https://bedrock-runtime.eu-west-1.amazonaws.com/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/converse")
        #expect(header(request, "X-Amz-Date") == "20150830T123600Z")
        #expect(header(request, "X-Amz-Security-Token") == "token")
        let authorization = try #require(header(request, "Authorization"))
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="))
        // The signature covers the exact body and the double-encoded path.
        let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "bedrock")
        let recomputed = signer.authorization(
            method: "POST", path: "/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/converse", query: "",
            headers: request.headers.filter { $0.name != "Authorization" } + [HTTPHeader("Host", "bedrock-runtime.eu-west-1.amazonaws.com")],
            body: request.body, amzDate: "20150830T123600Z"
        )
        #expect(recomputed == authorization)
        let body = try jsonObject(request.body)
        let config = try #require(body["inferenceConfig"] as? [String: Any])
        #expect(config["maxTokens"] as? Int == 200)
        #expect(config["temperature"] as? Double == 0)
        #expect(config["topP"] as? Double == 0.9)
        let messages = try #require(body["messages"] as? [[String: Any]])
        let content = try #require(messages.first?["content"] as? [[String: Any]])
        #expect(content.first?["text"] as? String == samplePrompt.prompt)
    }

    @Test("Bedrock with an API key: bearer, no SigV4; base_url overrides the regional host")
    func bedrockAPIKey() throws {
        let provider = BedrockProvider(
            transport: UnusedTransport(), baseURL: "http://127.0.0.1:9999", modelID: "amazon.nova-lite-v1:0", region: "us-east-1",
            auth: .apiKey(Secret("bedrock-key")), params: ModelConfig.Parameters()
        )
        let request = try provider.httpRequest(for: samplePrompt)
        #expect(request.url.absoluteString == "http://127.0.0.1:9999/model/amazon.nova-lite-v1%3A0/converse")
        #expect(header(request, "Authorization") == "Bearer bedrock-key")
        #expect(header(request, "X-Amz-Date") == nil)
        #expect(try jsonObject(request.body)["inferenceConfig"] == nil)
    }

    @Test("Gemini: x-goog-api-key (never in the URL), generationConfig with seed")
    func gemini() throws {
        let provider = GeminiProvider(transport: UnusedTransport(), model: "gemini-2.5-flash", apiKey: Secret("AIzaKey"), params: params)
        let request = try provider.httpRequest(for: samplePrompt)
        #expect(request.url.absoluteString == "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent")
        #expect(header(request, "x-goog-api-key") == "AIzaKey")
        #expect(!request.url.absoluteString.contains("AIzaKey"))
        let body = try jsonObject(request.body)
        let config = try #require(body["generationConfig"] as? [String: Any])
        #expect(config["maxOutputTokens"] as? Int == 200)
        #expect(config["seed"] as? Int == 7)
        #expect(config["topP"] as? Double == 0.9)
        let contents = try #require(body["contents"] as? [[String: Any]])
        #expect(contents.first?["role"] as? String == "user")
    }

    @Test("Vertex: regional and global hosts, project/location path, bearer token")
    func vertex() throws {
        let regional = VertexProvider(transport: UnusedTransport(), model: "gemini-2.0-flash-001", project: "my-proj", location: "europe-west4", accessToken: Secret("ya29.tok"), params: params)
        let request = try regional.httpRequest(for: samplePrompt)
        #expect(request.url.absoluteString == "https://europe-west4-aiplatform.googleapis.com/v1/projects/my-proj/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001:generateContent")
        #expect(header(request, "Authorization") == "Bearer ya29.tok")
        let global = VertexProvider(transport: UnusedTransport(), model: "gemini-2.5-pro", project: "p", location: "global", accessToken: Secret("t"), params: params)
        #expect(try global.httpRequest(for: samplePrompt).url.absoluteString == "https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/gemini-2.5-pro:generateContent")
    }

    @Test("Ollama: /api/chat with stream false and options")
    func ollama() throws {
        let provider = OllamaProvider(transport: UnusedTransport(), model: "llama3.2", params: params)
        let request = try provider.httpRequest(for: samplePrompt)
        #expect(request.url.absoluteString == "http://localhost:11434/api/chat")
        #expect(header(request, "Authorization") == nil)
        let body = try jsonObject(request.body)
        #expect(body["stream"] as? Bool == false)
        let options = try #require(body["options"] as? [String: Any])
        #expect(options["num_predict"] as? Int == 200)
        #expect(options["seed"] as? Int == 7)
        #expect(options["temperature"] as? Double == 0)
    }

    @Test("Elastic inference: /_inference/completion/{id}, {input}, ApiKey or Basic")
    func elastic() throws {
        let provider = ElasticInferenceProvider(
            transport: UnusedTransport(), baseURL: "https://es.example:9243", inferenceID: "openai-completion", auth: .apiKey(Secret("ZW5jb2RlZA==")), timeoutSeconds: 90
        )
        let request = try provider.httpRequest(for: samplePrompt)
        #expect(request.url.absoluteString == "https://es.example:9243/_inference/completion/openai-completion?timeout=90s")
        #expect(header(request, "Authorization") == "ApiKey ZW5jb2RlZA==")
        let body = try jsonObject(request.body)
        #expect(body["input"] as? String == samplePrompt.prompt)
        #expect(body.count == 1)
        let basic = ElasticInferenceProvider(
            transport: UnusedTransport(), baseURL: "https://es", inferenceID: "x", auth: .basic(username: "elastic", password: Secret("changeme")), timeoutSeconds: 60
        )
        #expect(header(try basic.httpRequest(for: samplePrompt), "Authorization") == "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==")
    }
}
