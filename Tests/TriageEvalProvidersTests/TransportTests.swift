import Foundation
import Logging
import Synchronization
import Testing
import TriageEval
@testable import TriageEvalProviders
#if canImport(Glibc)
import Glibc
#endif

/// Captures log lines in memory.
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func logger() -> Logger {
        var logger = Logger(label: "test") { _ in CapturingHandler(capture: self) }
        logger.logLevel = .debug
        return logger
    }

    struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let (level, message) = (event.level, event.message)
            let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.lines.withLock { $0.append("\(level) \(message) \(fields)") }
        }
    }
}

/// Answers every request with a fixed response.
struct CannedTransport: HTTPTransport {
    let response: HTTPResponse
    func send(_ request: HTTPRequest) async throws(ProviderError) -> HTTPResponse { response }
}

/// A loopback TCP socket that listens but never accepts: connections complete, then nothing is ever answered.
final class SilentListener: @unchecked Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

@Suite("HTTP transport and logging")
struct TransportTests {
    @Test("debug log has method, URL, redacted headers, status and latency, and never a key")
    func logRedactsKeys() async throws {
        let capture = LogCapture()
        let base = CannedTransport(response: try ProviderFixtures.response("anthropic_messages_success.json"))
        let transport = LoggingTransport(base, logger: capture.logger())
        let secrets = ["sk-ant-api03-SECRET", "azure-SECRET", "AIza-SECRET", "Bearer-SECRET", "session-SECRET", "goog-SECRET"]
        let request = HTTPRequest(url: try #require(URL(string: "https://api.anthropic.com/v1/messages")), headers: [
            HTTPHeader("Content-Type", "application/json"), HTTPHeader("x-api-key", secrets[0]), HTTPHeader("api-key", secrets[1]),
            HTTPHeader("X-Goog-Api-Key", secrets[2]), HTTPHeader("Authorization", "Bearer \(secrets[3])"),
            HTTPHeader("X-Amz-Security-Token", secrets[4]), HTTPHeader("x-goog-api-key", secrets[5]),
        ], body: Data("{\"prompt\":\"secret alert data\"}".utf8))
        let response = try await transport.send(request)
        #expect(response.status == 200)
        let log = capture.text
        for secret in secrets { #expect(!log.contains(secret), "\(secret) leaked into: \(log)") }
        #expect(!log.contains("secret alert data"))
        #expect(log.contains("POST https://api.anthropic.com/v1/messages -> 200"))
        #expect(log.contains("x-api-key: [REDACTED]"))
        #expect(log.contains("Authorization: [REDACTED]"))
        #expect(log.contains("Content-Type: application/json"))
        #expect(log.contains("latency_ms="))
    }

    @Test("a provider built with a logger logs through the real transport without its key (refused connection)")
    func providerLogNoKey() async throws {
        let capture = LogCapture()
        let port = try SilentListener().port  // released at once: the port now refuses connections
        let model = ModelConfig(id: "g", provider: .gemini, model: "gemini-2.5-flash", baseURL: "http://127.0.0.1:\(port)", apiKeyEnv: "GEMINI_KEY")
        let provider = try ProviderFactory.make(model, directory: "/tmp", environment: ["GEMINI_KEY": "AIzaSy-TOP-SECRET"], logger: capture.logger())
        let error = try await #require(throws: ProviderError.self) { _ = try await provider.complete(samplePrompt) }
        #expect(error.cause == .transport)
        #expect(error.retryable)
        #expect(!error.message.contains("AIzaSy-TOP-SECRET"))
        let log = capture.text
        #expect(log.contains("x-goog-api-key: [REDACTED]"))
        #expect(log.contains("/v1beta/models/gemini-2.5-flash:generateContent failed"))
        #expect(!log.contains("AIzaSy-TOP-SECRET"))
    }

    @Test("no response within timeout_s is a retryable timeout (fractions round up to whole seconds)")
    func timeout() async throws {
        let listener = try SilentListener()
        let transport = URLSessionTransport(maxConnections: 2, timeoutSeconds: 0.5)
        let request = HTTPRequest(url: try #require(URL(string: "http://127.0.0.1:\(listener.port)/v1/chat/completions")), body: Data("{}".utf8))
        let start = ContinuousClock.now
        let error = try await #require(throws: ProviderError.self) { try await transport.send(request) }
        #expect(error.cause == .timeout)
        #expect(error.retryable)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(900), "gave up after \(elapsed), before the 1 s timeout")
        // Generous: under a loaded parallel suite libcurl has been seen to notice the timeout 14 s late.
        #expect(elapsed < .seconds(60))
        #expect(error.message.contains("1 s"), "\(error.message)")
        withExtendedLifetime(listener) {}
    }
}
