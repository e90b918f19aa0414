public import Logging
import Foundation

/// Wraps a transport with debug logging: method, URL, headers with secrets redacted, status and latency.
/// Bodies are never logged (prompts hold attacker-controlled alert data, answers can be long).
public struct LoggingTransport: HTTPTransport {
    public let base: any HTTPTransport
    public let logger: Logger

    public init(_ base: any HTTPTransport, logger: Logger) {
        self.base = base
        self.logger = logger
    }

    public func send(_ request: HTTPRequest) async throws(ProviderError) -> HTTPResponse {
        let headers = SecretRedactor().redact(request.headers).map { "\($0.name): \($0.value)" }.joined(separator: "; ")
        let start = ContinuousClock.now
        func milliseconds() -> String {
            let elapsed = ContinuousClock.now - start
            let value = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            return String(Int(value.rounded()))
        }
        do {
            let response = try await base.send(request)
            logger.debug(
                "\(request.method) \(request.url.absoluteString) -> \(response.status)",
                metadata: ["headers": "\(headers)", "status": "\(response.status)", "latency_ms": "\(milliseconds())"]
            )
            return response
        } catch {
            logger.debug(
                "\(request.method) \(request.url.absoluteString) failed: \(error.description)",
                metadata: ["headers": "\(headers)", "error": "\(error.cause.rawValue)", "latency_ms": "\(milliseconds())"]
            )
            throw error
        }
    }
}
