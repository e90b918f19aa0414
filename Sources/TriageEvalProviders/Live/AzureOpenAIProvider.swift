public import TriageEval

/// Azure OpenAI Chat Completions: a deployment URL with `api-version`, or the v1 API with the deployment as `model`;
/// or the Responses API (`api: responses`): `/openai/v1/responses`, or `/openai/responses?api-version=…` with
/// the deployment as `model`.
public struct AzureOpenAIProvider: HTTPModelProvider {
    public static let defaultAPIVersion = "2024-10-21"
    /// The dated API version used for the Responses API when `api_version` is not set (the Responses API
    /// exists in preview versions only).
    public static let defaultResponsesAPIVersion = "2025-04-01-preview"

    /// How requests authenticate.
    public enum Auth: Sendable {
        /// `api-key: <key>`.
        case apiKey(Secret)
        /// `Authorization: Bearer <Microsoft Entra ID access token>`.
        case entraToken(Secret)
    }

    /// Which URL style to call.
    public enum Route: Sendable, Hashable {
        /// `/openai/deployments/{deployment}/chat/completions?api-version=…`
        case deployment(name: String, apiVersion: String)
        /// `/openai/v1/chat/completions` with `model` = the deployment name in the body.
        case v1(model: String)
    }

    public let transport: any HTTPTransport
    let endpoint: Endpoint
    let route: Route
    let auth: Auth
    let params: ModelConfig.Parameters
    let api: OpenAIProvider.API

    /// - Parameter baseURL: the resource URL, `https://{resource}.openai.azure.com`.
    public init(
        transport: any HTTPTransport, baseURL: String, route: Route, auth: Auth, params: ModelConfig.Parameters, api: OpenAIProvider.API = .chat
    ) {
        self.transport = transport
        self.api = api
        self.endpoint = Endpoint(base: baseURL)
        self.route = route
        self.auth = auth
        self.params = params
    }

    public func httpRequest(for request: CompletionRequest) throws(ProviderError) -> HTTPRequest {
        var headers = [HTTPHeader("Content-Type", "application/json")]
        switch auth {
        case .apiKey(let key): headers.append(HTTPHeader("api-key", key.value))
        case .entraToken(let token): headers.append(HTTPHeader("Authorization", "Bearer \(token.value)"))
        }
        switch (api, route) {
        case (.responses, .deployment(let name, let apiVersion)):
            let url = try endpoint.url(path: "/openai/responses", query: [("api-version", apiVersion)])
            let body = OpenAIResponsesWire.body(model: name, request: request, params: params)
            return HTTPRequest(url: url, headers: headers, body: try JSONWire.encode(body))
        case (.responses, .v1(let model)):
            let body = OpenAIResponsesWire.body(model: model, request: request, params: params)
            return HTTPRequest(url: try endpoint.url(path: "/openai/v1/responses"), headers: headers, body: try JSONWire.encode(body))
        case (.chat, .deployment(let name, let apiVersion)):
            let url = try endpoint.url(path: "/openai/deployments/\(Endpoint.encodeSegment(name))/chat/completions", query: [("api-version", apiVersion)])
            let body = OpenAIChatWire.body(model: nil, request: request, params: params, maxTokensField: .maxTokens)
            return HTTPRequest(url: url, headers: headers, body: try JSONWire.encode(body))
        case (.chat, .v1(let model)):
            let body = OpenAIChatWire.body(model: model, request: request, params: params, maxTokensField: .maxTokens)
            return HTTPRequest(url: try endpoint.url(path: "/openai/v1/chat/completions"), headers: headers, body: try JSONWire.encode(body))
        }
    }

    /// A prompt blocked by the content filter (HTTP 400, `code: content_filter`) is a refusal, not an error.
    public func completion(from response: HTTPResponse) throws(ProviderError) -> CompletionResponse {
        guard response.isSuccess else {
            let detail = OpenAIChatWire.errorDetail(from: response)
            if response.status == 400, detail?.code == "content_filter" {
                return CompletionResponse(text: "", refused: true)
            }
            throw HTTPErrorClassifier.classify(provider: "azure-openai", response: response, detail: detail)
        }
        switch api {
        case .chat: return try OpenAIChatWire.completion(from: response, provider: "azure-openai")
        case .responses: return try OpenAIResponsesWire.completion(from: response, provider: "azure-openai")
        }
    }
}
