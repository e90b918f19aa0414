import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The HTTP transport on URLSession (libcurl on Linux): one session per model, sized to its concurrency.
public final class URLSessionTransport: HTTPTransport {
    let session: URLSession
    let timeoutSeconds: Double

    /// - Parameters:
    ///   - maxConnections: connections kept per host; the model's `concurrency` (URLSession's default of 6 caps parallelism).
    ///   - timeoutSeconds: per-request timeout (`timeout_s`), rounded up to whole seconds: libcurl-backed
    ///     URLSession truncates fractions, so 0.5 would time out at once.
    public init(maxConnections: Int, timeoutSeconds: Double) {
        let timeoutSeconds = max(1, timeoutSeconds.rounded(.up))
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnections)
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
        self.timeoutSeconds = timeoutSeconds
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest) async throws(ProviderError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: timeoutSeconds)
        urlRequest.httpMethod = request.method
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.cancellableData(for: urlRequest)
        } catch let error as URLError {
            throw TransportErrorMapper.map(error, url: request.url, timeoutSeconds: timeoutSeconds)
        } catch {
            throw ProviderError(.transport, "\(request.url.host ?? "server"): \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw ProviderError(.badResponse, "\(request.url.host ?? "server"): not an HTTP response", retryable: true)
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }
}
