import Foundation
import Logging
import Testing
@testable import TriageEvalEngine
import TriageEvalProviders

/// Collects what a log handler writes.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ line: String) { lock.withLock { text += line } }
    var all: String { lock.withLock { text } }
}

@Suite("Debug log redaction")
struct SecretRedactorTests {
    static let key = "sk-proj-4f9a2b7c1d8e3f6a"

    @Test("credential headers are redacted in any spelling", arguments: [
        "Authorization: Bearer \(key)", "authorization=Bearer \(key)", "api-key: \(key)", "X-Api-Key: \(key)",
        "x-goog-api-key: \(key)", "X-Amz-Security-Token: \(key)", #"{"Authorization": "Bearer \#(key)", "Content-Type": "application/json"}"#,
        #"headers ["x-api-key": "\#(key)"]"#, "GET https://generativelanguage.googleapis.com/v1/models?key=\(key)&alt=json",
    ])
    func headers(line: String) {
        let redacted = SecretRedactor().redact(line)
        #expect(!redacted.contains(Self.key))
        #expect(!redacted.contains("4f9a2b7c"))
        #expect(redacted.contains(SecretRedactor.mask))
    }

    @Test("redacting redacted text changes nothing (the log handler sees headers the transport already redacted)")
    func idempotent() {
        let redactor = SecretRedactor(secrets: ["abcdef123456"])
        let once = redactor.redact("Content-Type: application/json\nAuthorization: Bearer abcdef123456\nx-api-key: abcdef123456\necho abcdef123456")
        #expect(once == "Content-Type: application/json\nAuthorization: [REDACTED]\nx-api-key: [REDACTED]\necho [REDACTED]")
        #expect(redactor.redact(once) == once)
    }

    @Test("credentials written into a URL are redacted, host and path kept")
    func urlUserInfo() {
        let line = "POST https://elastic:changeme-4f9a2b@es.example.internal:9200/_bulk failed"
        let redacted = SecretRedactor().redact(line)
        #expect(redacted == "POST https://[REDACTED]@es.example.internal:9200/_bulk failed")
        #expect(SecretRedactor().redact(redacted) == redacted)
    }

    @Test("other text is untouched")
    func untouched() {
        let line = #"POST http://127.0.0.1:8080/v1/chat/completions {"model": "gpt-4o-mini", "content-type": "json", "keyboard": 1}"#
        #expect(SecretRedactor().redact(line) == line)
    }

    @Test("known secret values are removed wherever they appear")
    func knownSecrets() {
        let redactor = SecretRedactor(secrets: ["abcdef123456", "abc"])
        #expect(redactor.secrets == ["abcdef123456"])
        #expect(redactor.redact("body echo: abcdef123456!") == "body echo: [REDACTED]!")
        #expect(redactor.redact(key: "X-Goog-Api-Key", value: "anything") == "[REDACTED]")
        #expect(redactor.redact(key: "x-amz-security-token", value: "anything") == "[REDACTED]")
        #expect(redactor.redact(key: "status", value: "200") == "200")
    }

    @Test("the --verbose handler redacts message and metadata")
    func handler() {
        let lines = LogLines()
        let redactor = SecretRedactor(secrets: ["abcdef123456"])
        var logger = Logger(label: "test") { label in RedactingLogHandler(label: label, level: .debug, redactor: redactor, write: lines.append) }
        logger[metadataKey: "model"] = "gpt"
        logger.debug("request Authorization: Bearer \(Self.key)", metadata: ["api-key": "abcdef123456", "note": "key abcdef123456 echoed"])
        logger.trace("not shown at debug level")
        let text = lines.all
        #expect(text.hasPrefix("debug test: request Authorization: [REDACTED]"))
        #expect(text.contains("api-key=[REDACTED]"))
        #expect(text.contains("note=key [REDACTED] echoed"))
        #expect(text.contains("model=gpt"))
        #expect(!text.contains(Self.key))
        #expect(!text.contains("abcdef123456"))
        #expect(!text.contains("not shown"))
    }
}
