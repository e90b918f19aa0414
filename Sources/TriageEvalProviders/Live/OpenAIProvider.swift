import Foundation
public import TriageEval

/// OpenAI Chat Completions, or any OpenAI-compatible server (vLLM, llama.cpp, LM Studio, Ollama `/v1`);
/// or the Responses API (`api: responses`).
public struct OpenAIProvider: HTTPModelProvider {
    public static let defaultBaseURL = "https://api.openai.com/v1"

    /// Which OpenAI API a model calls (`api:` in the config).
    public enum API: String, Sendable, CaseIterable {
        /// `POST /chat/completions` (the default).
        case chat
        /// `POST /responses`.
        case responses
    }

    public let transport: any HTTPTransport
    let endpoint: Endpoint
    let model: String
    let apiKey: Secret?
    let params: ModelConfig.Parameters
    let api: API

    /// - Parameters:
    ///   - baseURL: up to and including the API version (`https://api.openai.com/v1`, `http://localhost:8000/v1`).
    ///   - apiKey: sent as `Authorization: Bearer`; local servers usually need none.
    public init(
        transport: any HTTPTransport, baseURL: String = Self.defaultBaseURL, model: String, apiKey: Secret?, params: ModelConfig.Parameters,
        api: API = .chat
    ) {
        self.transport = transport
        self.api = api
        self.endpoint = Endpoint(base: baseURL)
        self.model = model
        self.apiKey = apiKey
        self.params = params
    }

    /// OpenAI itself wants `max_completion_tokens`; compatible servers know `max_tokens`.
    var maxTokensField: OpenAIChatWire.MaxTokensField {
        URL(string: endpoint.base)?.host == "api.openai.com" ? .maxCompletionTokens : .maxTokens
    }

    public func httpRequest(for request: CompletionRequest) throws(ProviderError) -> HTTPRequest {
        var headers = [HTTPHeader("Content-Type", "application/json")]
        if let apiKey { headers.append(HTTPHeader("Authorization", "Bearer \(apiKey.value)")) }
        switch api {
        case .chat:
            let body = OpenAIChatWire.body(model: model, request: request, params: params, maxTokensField: maxTokensField)
            return HTTPRequest(url: try endpoint.url(path: "/chat/completions"), headers: headers, body: try JSONWire.encode(body))
        case .responses:
            let body = OpenAIResponsesWire.body(model: model, request: request, params: params)
            return HTTPRequest(url: try endpoint.url(path: "/responses"), headers: headers, body: try JSONWire.encode(body))
        }
    }

    public func completion(from response: HTTPResponse) throws(ProviderError) -> CompletionResponse {
        guard response.isSuccess else {
            throw HTTPErrorClassifier.classify(provider: "openai", response: response, detail: OpenAIChatWire.errorDetail(from: response))
        }
        switch api {
        case .chat: return try OpenAIChatWire.completion(from: response, provider: "openai")
        case .responses: return try OpenAIResponsesWire.completion(from: response, provider: "openai")
        }
    }
}
