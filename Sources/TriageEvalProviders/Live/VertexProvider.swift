public import TriageEval

/// Gemini on Vertex AI: `projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent`
/// with an OAuth access token.
public struct VertexProvider: HTTPModelProvider {
    /// `https://{location}-aiplatform.googleapis.com`; the `global` location has no prefix.
    public static func defaultBaseURL(location: String) -> String {
        location == "global" ? "https://aiplatform.googleapis.com" : "https://\(location)-aiplatform.googleapis.com"
    }

    public let transport: any HTTPTransport
    let endpoint: Endpoint
    let model: String
    let project: String
    let location: String
    let accessToken: Secret
    let params: ModelConfig.Parameters

    public init(
        transport: any HTTPTransport, baseURL: String? = nil, model: String, project: String, location: String,
        accessToken: Secret, params: ModelConfig.Parameters
    ) {
        self.transport = transport
        self.endpoint = Endpoint(base: baseURL ?? Self.defaultBaseURL(location: location))
        self.model = model
        self.project = project
        self.location = location
        self.accessToken = accessToken
        self.params = params
    }

    public func httpRequest(for request: CompletionRequest) throws(ProviderError) -> HTTPRequest {
        let path = "/v1/projects/\(Endpoint.encodeSegment(project))/locations/\(Endpoint.encodeSegment(location))"
            + "/publishers/google/models/\(Endpoint.encodeSegment(model)):generateContent"
        let headers = [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Authorization", "Bearer \(accessToken.value)")]
        return HTTPRequest(url: try endpoint.url(path: path), headers: headers, body: try JSONWire.encode(try GeminiWire.body(request: request, params: params)))
    }

    public func completion(from response: HTTPResponse) throws(ProviderError) -> CompletionResponse {
        guard response.isSuccess else {
            throw HTTPErrorClassifier.classify(provider: "vertex", response: response, detail: GeminiWire.errorDetail(from: response))
        }
        return try GeminiWire.completion(from: response, provider: "vertex")
    }
}
