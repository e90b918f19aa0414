import Foundation
import Testing
import TriageEval
@testable import TriageEvalProviders

private func make(_ model: ModelConfig, environment: [String: String] = [:]) throws(InputError) -> any ModelProvider {
    try ProviderFactory.make(model, directory: "/tmp", environment: environment, transport: UnusedTransport())
}

/// The live provider behind the factory's redaction boundary.
private func unwrapped(_ provider: any ModelProvider) -> any ModelProvider {
    (provider as? RedactingProvider)?.base ?? (provider as? RedactingBatchProvider)?.base ?? provider
}

private func failure(_ model: ModelConfig, environment: [String: String] = [:]) throws -> String {
    let error = try #require(throws: InputError.self) { try make(model, environment: environment) }
    return error.description
}

@Suite("Provider factory validation")
struct ProviderFactoryTests {
    @Test("a missing API key names the model, field and variable")
    func missingKey() throws {
        let model = ModelConfig(id: "gpt", provider: .openai, model: "gpt-4o-mini", apiKeyEnv: "OPENAI_API_KEY")
        #expect(try failure(model) == "triage-eval.yaml: models[gpt].api_key_env: environment variable OPENAI_API_KEY is not set")
        #expect(try failure(model, environment: ["OPENAI_API_KEY": ""]).contains("OPENAI_API_KEY is not set"))
        #expect(unwrapped(try make(model, environment: ["OPENAI_API_KEY": "sk-1"])) is OpenAIProvider)
    }

    @Test("OpenAI without api_key_env reads OPENAI_API_KEY; a local server needs no key")
    func defaultKeys() throws {
        let hosted = ModelConfig(id: "gpt", provider: .openai, model: "gpt-4o-mini")
        #expect(try failure(hosted).contains("environment variable OPENAI_API_KEY is not set"))
        let local = ModelConfig(id: "vllm", provider: .openai, model: "llama", baseURL: "http://localhost:8000/v1")
        let provider = try #require(unwrapped(try make(local)) as? OpenAIProvider)
        #expect(provider.apiKey == nil)
    }

    @Test("malformed base_url", arguments: ["localhost:8000", "ftp://host/v1", "not a url", "http://", "https://host/v1?x=1"])
    func malformedBaseURL(_ url: String) throws {
        let model = ModelConfig(id: "local", provider: .openai, model: "m", baseURL: url)
        #expect(try failure(model).hasPrefix("triage-eval.yaml: models[local].base_url: must be an absolute http:// or https:// URL"))
    }

    @Test("required fields per provider", arguments: [
        (ModelConfig(id: "a", provider: .anthropic), "models[a].model: is required"),
        (ModelConfig(id: "e", provider: .elasticInference, baseURL: "https://es:9200"), "models[e].inference_id: is required for provider elastic-inference"),
        (ModelConfig(id: "e2", provider: .elasticInference, options: ["inference_id": "x"]), "models[e2].base_url: is required for provider elastic-inference"),
        (ModelConfig(id: "b", provider: .bedrock, model: "amazon.nova-lite-v1:0"), "models[b].region: is required for provider bedrock"),
        (ModelConfig(id: "v", provider: .vertex, model: "gemini"), "models[v].project: is required for provider vertex"),
        (ModelConfig(id: "az", provider: .azureOpenAI, baseURL: "https://r.openai.azure.com"), "models[az].model: is required (the deployment name, or set deployment)"),
        (ModelConfig(id: "az2", provider: .azureOpenAI), "models[az2].base_url: is required for provider azure-openai"),
        (ModelConfig(id: "q", provider: .esqlCompletion, baseURL: "https://es:9200"), "models[q].inference_id: is required for provider esql-completion"),
    ])
    func requiredFields(_ model: ModelConfig, _ expected: String) throws {
        let environment = ["ANTHROPIC_API_KEY": "k", "ELASTIC_API_KEY": "k", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "s",
                           "GOOGLE_OAUTH_ACCESS_TOKEN": "t", "AZURE_OPENAI_API_KEY": "k"]
        #expect(try failure(model, environment: environment).contains(expected))
    }

    @Test("an option the provider does not use is an error")
    func unknownOption() throws {
        let model = ModelConfig(id: "gpt", provider: .openai, model: "m", baseURL: "http://localhost:1/v1", options: ["region": "us-east-1"])
        #expect(try failure(model) == "triage-eval.yaml: models[gpt].region: is not an option of provider openai; it takes api")
        let api = ModelConfig(id: "gpt", provider: .openai, model: "m", baseURL: "http://localhost:1/v1", options: ["api": "completions"])
        #expect(try failure(api) == "triage-eval.yaml: models[gpt].api: must be chat or responses, got \"completions\"")
        let anthropic = ModelConfig(id: "an", provider: .anthropic, model: "m", apiKeyEnv: "K", options: ["api": "responses"])
        #expect(try failure(anthropic, environment: ["K": "k"]) == "triage-eval.yaml: models[an].api: is not an option of provider anthropic; it takes none")
        let azure = ModelConfig(id: "az", provider: .azureOpenAI, baseURL: "https://r.openai.azure.com", options: ["deployment": "d", "auth": "magic"])
        #expect(try failure(azure, environment: ["AZURE_OPENAI_API_KEY": "k"]).contains("models[az].auth: must be api-key or entra"))
    }

    @Test("Bedrock credentials: SigV4 from the standard variables, or a Bedrock API key")
    func bedrockCredentials() throws {
        let sigv4 = ModelConfig(id: "b", provider: .bedrock, model: "m", options: ["region": "us-east-1"])
        #expect(try failure(sigv4).contains("models[b].access_key_env: environment variable AWS_ACCESS_KEY_ID is not set"))
        #expect(try failure(sigv4, environment: ["AWS_ACCESS_KEY_ID": "AKID"]).contains("models[b].secret_key_env: environment variable AWS_SECRET_ACCESS_KEY is not set"))
        let provider = try #require(unwrapped(try make(sigv4, environment: ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "tok"])) as? BedrockProvider)
        guard case .sigV4(let credentials) = provider.auth else { Issue.record("expected SigV4"); return }
        #expect(credentials.accessKeyID == "AKID")
        #expect(credentials.sessionToken?.value == "tok")

        let custom = ModelConfig(id: "b", provider: .bedrock, model: "m", options: ["region": "us-east-1", "session_token_env": "MY_TOKEN"])
        #expect(try failure(custom, environment: ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "s"]).contains("models[b].session_token_env: environment variable MY_TOKEN is not set"))

        let keyed = ModelConfig(id: "b", provider: .bedrock, model: "m", apiKeyEnv: "AWS_BEARER_TOKEN_BEDROCK", options: ["region": "us-east-1"])
        let keyedProvider = try #require(unwrapped(try make(keyed, environment: ["AWS_BEARER_TOKEN_BEDROCK": "bk"])) as? BedrockProvider)
        guard case .apiKey(let key) = keyedProvider.auth else { Issue.record("expected an API key"); return }
        #expect(key.value == "bk")
    }

    @Test("every live provider kind builds from a complete config", arguments: [
        ModelConfig(id: "o", provider: .openai, model: "gpt-4o-mini", apiKeyEnv: "KEY"),
        ModelConfig(id: "az", provider: .azureOpenAI, baseURL: "https://r.openai.azure.com", apiKeyEnv: "KEY", options: ["deployment": "d"]),
        ModelConfig(id: "aze", provider: .azureOpenAI, model: "d", baseURL: "https://r.openai.azure.com", options: ["auth": "entra", "bearer_token_env": "KEY"]),
        ModelConfig(id: "an", provider: .anthropic, model: "claude", apiKeyEnv: "KEY"),
        ModelConfig(id: "b", provider: .bedrock, model: "m", apiKeyEnv: "KEY", options: ["region": "us-east-1"]),
        ModelConfig(id: "g", provider: .gemini, model: "gemini-2.5-flash", apiKeyEnv: "KEY"),
        ModelConfig(id: "v", provider: .vertex, model: "gemini", options: ["project": "p", "bearer_token_env": "KEY"]),
        ModelConfig(id: "ol", provider: .ollama, model: "llama3.2"),
        ModelConfig(id: "es", provider: .elasticInference, baseURL: "https://es:9200", apiKeyEnv: "KEY", options: ["inference_id": "x"]),
        ModelConfig(id: "esb", provider: .elasticInference, baseURL: "https://es:9200", options: ["inference_id": "x", "username_env": "KEY", "password_env": "KEY"]),
        ModelConfig(id: "esql", provider: .esqlCompletion, baseURL: "https://es:9200", apiKeyEnv: "KEY", options: ["inference_id": "x"]),
    ])
    func builds(_ model: ModelConfig) throws {
        #expect(unwrapped(try make(model, environment: ["KEY": "secret-value-123"])) is any HTTPModelProvider)
    }

    @Test("a key never shows up in a provider's description or dump")
    func keyNotPrinted() throws {
        let model = ModelConfig(id: "an", provider: .anthropic, model: "claude", apiKeyEnv: "KEY")
        let provider = try make(model, environment: ["KEY": "sk-ant-SECRET-0123"])
        var dumped = ""
        dump(provider, to: &dumped)
        #expect(!dumped.contains("sk-ant-SECRET-0123"))
        #expect(!String(describing: provider).contains("sk-ant-SECRET-0123"))
        #expect(dumped.contains("[REDACTED]"))
    }

    @Test("unknown provider names are rejected by the config parser, naming model and field")
    func unknownProvider() throws {
        let yaml = "models:\n  - id: gpt\n    provider: openia\n"
        let error = try #require(throws: InputError.self) { try ConfigParser.parse(yaml, file: "triage-eval.yaml") }
        #expect(error.field == "models[0].provider")
        #expect(error.message.contains("unknown provider \"openia\""))
        #expect(error.description.hasPrefix("triage-eval.yaml:3:"))
    }
}
