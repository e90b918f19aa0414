import Foundation
import Testing
import TriageEval
@testable import TriageEvalProviders

private let params = ModelConfig.Parameters()
private let openAI = OpenAIProvider(transport: UnusedTransport(), model: "gpt-4.1", apiKey: Secret("sk-test"), params: params)
private let azure = AzureOpenAIProvider(
    transport: UnusedTransport(), baseURL: "https://res.openai.azure.com", route: .deployment(name: "gpt4o", apiVersion: "2024-10-21"),
    auth: .apiKey(Secret("k")), params: params
)
private let anthropic = AnthropicProvider(transport: UnusedTransport(), model: "claude", apiKey: Secret("k"), params: params)
private let bedrock = BedrockProvider(transport: UnusedTransport(), modelID: "m", region: "us-east-1", auth: .apiKey(Secret("k")), params: params)
private let gemini = GeminiProvider(transport: UnusedTransport(), model: "gemini-2.5-flash", apiKey: Secret("k"), params: params)
private let vertex = VertexProvider(transport: UnusedTransport(), model: "gemini", project: "p", location: "us-central1", accessToken: Secret("t"), params: params)
private let ollama = OllamaProvider(transport: UnusedTransport(), model: "llama3.2", params: params)
private let elastic = ElasticInferenceProvider(
    transport: UnusedTransport(), baseURL: "https://es:9200", inferenceID: "openai-completion", auth: .apiKey(Secret("k")), timeoutSeconds: 60
)

/// One recorded success body and what it must map to.
struct SuccessCase: Sendable, CustomTestStringConvertible {
    let fixture: String
    let provider: @Sendable () -> any HTTPModelProvider
    let text: String
    let refused: Bool
    let inputTokens: Int?
    let outputTokens: Int?
    var testDescription: String { fixture }
}

/// One recorded error body and the classification it must get.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    let fixture: String
    let provider: @Sendable () -> any HTTPModelProvider
    let cause: ProviderError.Cause
    let retryable: Bool
    let retryAfter: Double?
    let messagePrefix: String
    var testDescription: String { fixture }
}

private let successCases: [SuccessCase] = [
    SuccessCase(fixture: "openai_chat_success.json", provider: { openAI }, text: "Hello! How can I assist you today?", refused: false, inputTokens: 19, outputTokens: 10),
    SuccessCase(fixture: "openai_chat_refusal.json", provider: { openAI }, text: "I'm sorry, I can't assist with that request.", refused: true, inputTokens: 40, outputTokens: 11),
    SuccessCase(fixture: "vllm_chat_success.json", provider: { openAI }, text: "Hello there, how may I assist you today?", refused: false, inputTokens: 40, outputTokens: 11),
    SuccessCase(fixture: "llamacpp_chat_success.json", provider: { openAI }, text: "Hello! How can I help you today?", refused: false, inputTokens: 21, outputTokens: 10),
    SuccessCase(fixture: "ollama_openai_chat_success.json", provider: { openAI }, text: "Hello! How can I help you today?", refused: false, inputTokens: 26, outputTokens: 9),
    SuccessCase(fixture: "azure_openai_chat_success.json", provider: { azure }, text: "Hello! How can I help you today?", refused: false, inputTokens: 19, outputTokens: 9),
    SuccessCase(fixture: "azure_openai_chat_output_filtered.json", provider: { azure }, text: "", refused: true, inputTokens: 25, outputTokens: 40),
    SuccessCase(fixture: "anthropic_messages_success.json", provider: { anthropic }, text: "Hi! My name is Claude.", refused: false, inputTokens: 2095, outputTokens: 503),
    SuccessCase(fixture: "anthropic_messages_max_tokens.json", provider: { anthropic }, text: "The three primary colors are red, yellow and", refused: false, inputTokens: 14, outputTokens: 10),
    SuccessCase(fixture: "bedrock_converse_success.json", provider: { bedrock }, text: "Hello.", refused: false, inputTokens: 17, outputTokens: 5),
    SuccessCase(fixture: "bedrock_converse_guardrail_intervened.json", provider: { bedrock }, text: "Sorry, the model cannot answer this question.", refused: true, inputTokens: 23, outputTokens: 0),
    // Output tokens include the 28 thinking tokens (billed as output).
    SuccessCase(fixture: "gemini_generate_content_success.json", provider: { gemini }, text: "The sky is blue because of Rayleigh scattering.", refused: false, inputTokens: 14, outputTokens: 38),
    SuccessCase(fixture: "gemini_generate_content_blocked_prompt.json", provider: { gemini }, text: "", refused: true, inputTokens: 9, outputTokens: nil),
    SuccessCase(fixture: "gemini_generate_content_safety_stop.json", provider: { gemini }, text: "", refused: true, inputTokens: 12, outputTokens: nil),
    SuccessCase(fixture: "vertex_generate_content_success.json", provider: { vertex }, text: "The sky is blue because of Rayleigh scattering.", refused: false, inputTokens: 8, outputTokens: 10),
    SuccessCase(fixture: "ollama_chat_success.json", provider: { ollama }, text: "Hello! How are you today?", refused: false, inputTokens: 26, outputTokens: 298),
    SuccessCase(
        fixture: "elastic_inference_completion_success.json", provider: { elastic },
        text: "Elastic is a company that provides a range of software solutions for search, logging, security, and analytics. Their flagship product is Elasticsearch, an open-source, distributed search engine that allows users to search, analyze, and visualize large volumes of data in real-time. Elastic also offers products such as Kibana, a data visualization tool, and Logstash, a log management and pipeline tool, as well as various other tools and solutions for data analysis and management.",
        refused: false, inputTokens: nil, outputTokens: nil
    ),
]

private let errorCases: [ErrorCase] = [
    ErrorCase(fixture: "openai_error_rate_limit.json", provider: { openAI }, cause: .rateLimited, retryable: true, retryAfter: 3.89,
              messagePrefix: "openai 429 rate_limit_exceeded: Rate limit reached for gpt-4.1 in organization"),
    ErrorCase(fixture: "openai_error_insufficient_quota.json", provider: { openAI }, cause: .quota, retryable: false, retryAfter: nil,
              messagePrefix: "openai 429 insufficient_quota: You exceeded your current quota"),
    ErrorCase(fixture: "openai_error_invalid_api_key.json", provider: { openAI }, cause: .auth, retryable: false, retryAfter: nil,
              messagePrefix: "openai 401 invalid_api_key: Incorrect API key provided"),
    ErrorCase(fixture: "openai_error_server.json", provider: { openAI }, cause: .server, retryable: true, retryAfter: nil,
              messagePrefix: "openai 500 server_error: The server had an error while processing your request."),
    ErrorCase(fixture: "vllm_error.json", provider: { openAI }, cause: .badRequest, retryable: false, retryAfter: nil,
              messagePrefix: "openai 400 BadRequestError: This model's maximum context length is 4096 tokens."),
    ErrorCase(fixture: "vllm_error_legacy.json", provider: { openAI }, cause: .badRequest, retryable: false, retryAfter: nil,
              messagePrefix: "openai 400 BadRequestError: This model's maximum context length is 4096 tokens."),
    ErrorCase(fixture: "llamacpp_error_loading.json", provider: { openAI }, cause: .server, retryable: true, retryAfter: nil,
              messagePrefix: "openai 503 unavailable_error: Loading model"),
    ErrorCase(fixture: "ollama_openai_error.json", provider: { openAI }, cause: .notFound, retryable: false, retryAfter: nil,
              messagePrefix: "openai 404 not_found_error: model \"llama3.2\" not found, try pulling it first"),
    ErrorCase(fixture: "azure_openai_error_rate_limit.json", provider: { azure }, cause: .rateLimited, retryable: true, retryAfter: 6,
              messagePrefix: "azure-openai 429: Requests to the ChatCompletions_Create Operation"),
    ErrorCase(fixture: "anthropic_error_rate_limit.json", provider: { anthropic }, cause: .rateLimited, retryable: true, retryAfter: 12,
              messagePrefix: "anthropic 429 rate_limit_error: This request would exceed the rate limit"),
    ErrorCase(fixture: "anthropic_error_overloaded.json", provider: { anthropic }, cause: .server, retryable: true, retryAfter: nil,
              messagePrefix: "anthropic 529 overloaded_error: Overloaded"),
    ErrorCase(fixture: "anthropic_error_invalid_request.json", provider: { anthropic }, cause: .badRequest, retryable: false, retryAfter: nil,
              messagePrefix: "anthropic 400 invalid_request_error: messages: roles must alternate"),
    ErrorCase(fixture: "anthropic_error_authentication.json", provider: { anthropic }, cause: .auth, retryable: false, retryAfter: nil,
              messagePrefix: "anthropic 401 authentication_error: invalid x-api-key"),
    ErrorCase(fixture: "bedrock_error_throttling.json", provider: { bedrock }, cause: .rateLimited, retryable: true, retryAfter: nil,
              messagePrefix: "bedrock 429 ThrottlingException: Too many tokens, please wait before trying again."),
    ErrorCase(fixture: "bedrock_error_validation.json", provider: { bedrock }, cause: .badRequest, retryable: false, retryAfter: nil,
              messagePrefix: "bedrock 400 ValidationException: The provided model identifier is invalid."),
    ErrorCase(fixture: "bedrock_error_signature_mismatch.json", provider: { bedrock }, cause: .auth, retryable: false, retryAfter: nil,
              messagePrefix: "bedrock 403 InvalidSignatureException: The request signature we calculated does not match"),
    ErrorCase(fixture: "gemini_error_rate_limit.json", provider: { gemini }, cause: .rateLimited, retryable: true, retryAfter: 7,
              messagePrefix: "gemini 429 RESOURCE_EXHAUSTED: You exceeded your current quota"),
    ErrorCase(fixture: "gemini_error_overloaded.json", provider: { gemini }, cause: .server, retryable: true, retryAfter: nil,
              messagePrefix: "gemini 503 UNAVAILABLE: The model is overloaded. Please try again later."),
    ErrorCase(fixture: "gemini_error_invalid_api_key.json", provider: { gemini }, cause: .auth, retryable: false, retryAfter: nil,
              messagePrefix: "gemini 400 INVALID_ARGUMENT: API key not valid."),
    ErrorCase(fixture: "vertex_error_rate_limit.json", provider: { vertex }, cause: .rateLimited, retryable: true, retryAfter: nil,
              messagePrefix: "vertex 429 RESOURCE_EXHAUSTED: Resource exhausted. Please try again later."),
    ErrorCase(fixture: "ollama_error_model_not_found.json", provider: { ollama }, cause: .notFound, retryable: false, retryAfter: nil,
              messagePrefix: "ollama 404: model \"llama3.2\" not found, try pulling it first"),
    ErrorCase(fixture: "elastic_inference_error_rate_limit.json", provider: { elastic }, cause: .rateLimited, retryable: true, retryAfter: nil,
              messagePrefix: "elastic-inference 429 status_exception: Received a rate limit status code for request from inference entity id [openai-completion]"),
    ErrorCase(fixture: "elastic_error_unauthorized.json", provider: { elastic }, cause: .auth, retryable: false, retryAfter: nil,
              messagePrefix: "elastic-inference 401 security_exception: unable to authenticate with provided credentials"),
]

@Suite("Provider response mapping (recorded bodies)")
struct ResponseMappingTests {
    @Test("success and refusal bodies map to text, refusal and tokens", arguments: successCases)
    func success(_ expected: SuccessCase) throws {
        let response = try ProviderFixtures.response(expected.fixture)
        let completion = try expected.provider().completion(from: response)
        #expect(completion.text == expected.text)
        #expect(completion.refused == expected.refused)
        #expect(completion.inputTokens == expected.inputTokens)
        #expect(completion.outputTokens == expected.outputTokens)
    }

    @Test("error bodies map to cause, one-line message, retryable and retry-after", arguments: errorCases)
    func error(_ expected: ErrorCase) throws {
        let response = try ProviderFixtures.response(expected.fixture)
        let error = try #require(throws: ProviderError.self) { try expected.provider().completion(from: response) }
        #expect(error.cause == expected.cause)
        #expect(error.retryable == expected.retryable)
        #expect(error.retryAfter == expected.retryAfter)
        #expect(error.message.hasPrefix(expected.messagePrefix), "\(error.message)")
        #expect(!error.message.contains("\n"))
    }

    @Test("Azure's prompt content filter (HTTP 400 content_filter) is a refusal, not an error")
    func azurePromptFilter() throws {
        let completion = try azure.completion(from: try ProviderFixtures.response("azure_openai_error_content_filter.json"))
        #expect(completion.refused)
        #expect(completion.text == "")
        // The same body from plain OpenAI is a bad request.
        let error = try #require(throws: ProviderError.self) { try openAI.completion(from: try ProviderFixtures.response("azure_openai_error_content_filter.json")) }
        #expect(error.cause == .badRequest)
    }

    @Test("Anthropic spend limit (429 enforced_spend_limit_reached) is a quota stop, not retried")
    func anthropicSpendLimit() throws {
        let body = #"{"type":"error","error":{"type":"rate_limit_error","message":"You have reached your specified workspace API usage limits.","details":{"error_code":"enforced_spend_limit_reached"}}}"#
        let response = HTTPResponse(status: 429, headers: ["retry-after": "30"], body: Data(body.utf8))
        let error = try #require(throws: ProviderError.self) { try anthropic.completion(from: response) }
        #expect(error.cause == .quota)
        #expect(!error.retryable)
        #expect(error.retryAfter == nil)
    }

    @Test("Elastic 400 that wraps an upstream 503 is transient")
    func elasticUpstream5xx() throws {
        let body = #"{"error":{"type":"status_exception","reason":"Received an unsuccessful status code for request from inference entity id [x] status [503]"},"status":400}"#
        let error = try #require(throws: ProviderError.self) { try elastic.completion(from: HTTPResponse(status: 400, body: Data(body.utf8))) }
        #expect(error.cause == .server)
        #expect(error.retryable)
    }

    @Test("x-should-retry overrides the status either way")
    func shouldRetryHeader() throws {
        let body = Data(#"{"error":{"message":"conflict","type":"x","code":null}}"#.utf8)
        let forced = try #require(throws: ProviderError.self) {
            try openAI.completion(from: HTTPResponse(status: 400, headers: ["x-should-retry": "true", "retry-after": "2"], body: body))
        }
        #expect(forced.retryable)
        #expect(forced.retryAfter == 2)
        let refused = try #require(throws: ProviderError.self) {
            try openAI.completion(from: HTTPResponse(status: 503, headers: ["x-should-retry": "false"], body: body))
        }
        #expect(!refused.retryable)
        #expect(refused.cause == .server)
    }

    @Test("retryable statuses: 408, 409, 429, 5xx, 529; fatal: 400, 401, 403, 404, 413, 422", arguments: [
        (408, true), (409, true), (429, true), (500, true), (502, true), (503, true), (504, true), (529, true),
        (400, false), (401, false), (403, false), (404, false), (413, false), (422, false),
    ])
    func statusClassification(_ status: Int, _ retryable: Bool) throws {
        let error = try #require(throws: ProviderError.self) { try openAI.completion(from: HTTPResponse(status: status)) }
        #expect(error.retryable == retryable)
        #expect(error.message.hasPrefix("openai \(status): "))
    }

    @Test("a 200 whose body is not the expected JSON is a retryable bad response", arguments: ["", "<html>proxy</html>", "{\"choices\": 3}"])
    func garbage(_ body: String) throws {
        let error = try #require(throws: ProviderError.self) { try openAI.completion(from: HTTPResponse(status: 200, body: Data(body.utf8))) }
        #expect(error.cause == .badResponse)
        #expect(error.retryable)
    }
}
