/// A provider that answers over HTTP: build the request, send it, map the response.
///
/// Building and mapping are pure, so each wire format is unit-tested against recorded bodies.
public protocol HTTPModelProvider: ModelProvider {
    var transport: any HTTPTransport { get }
    /// The request for one prompt.
    func httpRequest(for request: CompletionRequest) throws(ProviderError) -> HTTPRequest
    /// The answer in a response of any status, or the classified error.
    func completion(from response: HTTPResponse) throws(ProviderError) -> CompletionResponse
}

extension HTTPModelProvider {
    public func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse {
        let response = try await transport.send(try httpRequest(for: request))
        return try completion(from: response)
    }
}
