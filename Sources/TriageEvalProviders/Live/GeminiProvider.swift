public import TriageEval

/// Google Gemini API (AI Studio key): `models/{model}:generateContent`.
public struct GeminiProvider: HTTPModelProvider {
    public static let defaultBaseURL = "https://generativelanguage.googleapis.com"

    public let transport: any HTTPTransport
    let endpoint: Endpoint
    let model: String
    let apiKey: Secret
    let params: ModelConfig.Parameters

    /// - Parameter baseURL: the host, without the API version.
    public init(transport: any HTTPTransport, baseURL: String = Self.defaultBaseURL, model: String, apiKey: Secret, params: ModelConfig.Parameters) {
        self.transport = transport
        self.endpoint = Endpoint(base: baseURL)
        self.model = model
        self.apiKey = apiKey
        self.params = params
    }

    /// The key goes in `x-goog-api-key`, never in the URL (URLs end up in logs).
    public func httpRequest(for request: CompletionRequest) throws(ProviderError) -> HTTPRequest {
        let url = try endpoint.url(path: "/v1beta/models/\(Endpoint.encodeSegment(model)):generateContent")
        let headers = [HTTPHeader("Content-Type", "application/json"), HTTPHeader("x-goog-api-key", apiKey.value)]
        return HTTPRequest(url: url, headers: headers, body: try JSONWire.encode(try GeminiWire.body(request: request, params: params)))
    }

    public func completion(from response: HTTPResponse) throws(ProviderError) -> CompletionResponse {
        guard response.isSuccess else {
            throw HTTPErrorClassifier.classify(provider: "gemini", response: response, detail: GeminiWire.errorDetail(from: response))
        }
        return try GeminiWire.completion(from: response, provider: "gemini")
    }
}
