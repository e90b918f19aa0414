import Foundation

/// Elasticsearch's inference API: `POST /_inference/completion/{inference_id}` with `{"input": prompt}`.
/// The endpoint's own settings (upstream model, max tokens, temperature) apply; no token usage is returned.
public struct ElasticInferenceProvider: HTTPModelProvider {
    public let transport: any HTTPTransport
    let endpoint: Endpoint
    let inferenceID: String
    let auth: ElasticAuth
    /// Passed as `?timeout=`, so Elasticsearch waits as long as the client does (its default is 30 s).
    let timeoutSeconds: Double

    public init(transport: any HTTPTransport, baseURL: String, inferenceID: String, auth: ElasticAuth, timeoutSeconds: Double) {
        self.transport = transport
        self.endpoint = Endpoint(base: baseURL)
        self.inferenceID = inferenceID
        self.auth = auth
        self.timeoutSeconds = timeoutSeconds
    }

    struct Body: Encodable { let input: String }

    struct Response: Decodable {
        struct Result: Decodable { let result: String? }
        let completion: [Result]?
    }

    /// `{"error": {"type", "reason", "root_cause"}, "status"}`.
    struct ErrorBody: Decodable {
        struct Inner: Decodable {
            let type: String?
            let reason: String?
        }
        let error: Inner?
    }

    public func httpRequest(for request: CompletionRequest) throws(ProviderError) -> HTTPRequest {
        // The run refuses such a prompt when it loads (`PromptVersion.checkSendable`); never drop the part silently.
        if request.system != nil { throw ProviderError(.configuration, "elastic-inference sends one prompt string and cannot carry a system part", retryable: false) }
        let url = try endpoint.url(path: "/_inference/completion/\(Endpoint.encodeSegment(inferenceID))", query: [("timeout", "\(Int(timeoutSeconds.rounded(.up)))s")])
        let headers = [HTTPHeader("Content-Type", "application/json"), auth.header]
        return HTTPRequest(url: url, headers: headers, body: try JSONWire.encode(Body(input: request.prompt)))
    }

    public func completion(from response: HTTPResponse) throws(ProviderError) -> CompletionResponse {
        guard response.isSuccess else {
            throw HTTPErrorClassifier.classify(provider: "elastic-inference", response: response, detail: Self.errorDetail(from: response))
        }
        let decoded = try JSONWire.decode(Response.self, from: response, provider: "elastic-inference")
        guard let first = decoded.completion?.first, let text = first.result else {
            throw ProviderError(.badResponse, "elastic-inference \(response.status): the response has no completion result", retryable: true)
        }
        return CompletionResponse(text: text)
    }

    /// Elasticsearch surfaces some upstream 5xx as HTTP 400 whose reason says `status [5xx]`: those are transient.
    static func errorDetail(from response: HTTPResponse) -> APIErrorDetail? {
        // Shared with ES|QL `_query`: the standard Elasticsearch error envelope.
        guard let error = JSONWire.decodeError(ErrorBody.self, from: response)?.error else { return nil }
        let upstream5xx = error.reason?.range(of: #"status \[5\d\d\]"#, options: .regularExpression) != nil
        return APIErrorDetail(code: error.type, message: error.reason, isTransient: upstream5xx)
    }
}
