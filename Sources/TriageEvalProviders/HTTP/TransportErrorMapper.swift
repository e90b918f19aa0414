public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Classifies a failure to get any response: timeouts and lost connections can succeed later.
public enum TransportErrorMapper {
    /// URL errors that mean the server was unreachable or the exchange broke off mid-way
    /// (refused, reset, dropped, truncated or empty reply): worth retrying (the call may still have been billed).
    static let retryableCodes: Set<URLError.Code> = [
        .cannotConnectToHost, .networkConnectionLost, .badServerResponse, .zeroByteResource, .cannotParseResponse,
        .notConnectedToInternet, .dnsLookupFailed, .secureConnectionFailed,
    ]

    public static func map(_ error: URLError, url: URL, timeoutSeconds: Double) -> ProviderError {
        let host = url.host.map { host in url.port.map { "\(host):\($0)" } ?? host } ?? "server"
        switch error.code {
        case .timedOut:
            return ProviderError(.timeout, "\(host): no response within \(formatSeconds(timeoutSeconds)) s (timeout_s)", retryable: true)
        case .cancelled:
            return ProviderError(.transport, "\(host): request cancelled")
        case let code where retryableCodes.contains(code):
            return ProviderError(.transport, "\(host): \(describe(code)) (URLError \(code.rawValue))", retryable: true)
        default:
            return ProviderError(.transport, "\(host): \(describe(error.code)) (URLError \(error.code.rawValue))")
        }
    }

    static func describe(_ code: URLError.Code) -> String {
        switch code {
        case .cannotConnectToHost: "cannot connect"
        case .networkConnectionLost: "connection lost"
        case .badServerResponse: "bad or empty server response"
        case .zeroByteResource: "empty reply"
        case .cannotParseResponse: "unparsable response"
        case .notConnectedToInternet: "not connected to a network"
        case .dnsLookupFailed, .cannotFindHost: "host name not found"
        case .secureConnectionFailed: "TLS handshake failed"
        case .unsupportedURL: "unsupported URL"
        case .badURL: "bad URL"
        default: "request failed"
        }
    }

    static func formatSeconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
