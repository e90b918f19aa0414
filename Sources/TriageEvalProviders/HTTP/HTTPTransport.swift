/// Sends one HTTP request and returns the response, whatever its status.
///
/// Transports never retry: the engine's `RetryPolicy` is the one retry layer. They only classify
/// failures to get a response (timeouts, refused or dropped connections) as ``ProviderError``s.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(ProviderError) -> HTTPResponse
}
