internal import Foundation

/// The one redaction of credentials from anything a person may read: provider error messages (before
/// they reach the engine, the store or a report), debug logs and logged headers. It removes the values of
/// the headers that carry keys (`Authorization`, `api-key`, `x-api-key`, `x-goog-api-key`,
/// `x-amz-security-token`, …), a `key=` query parameter, the user information of a URL, and every known secret value wherever it appears.
///
/// It holds secret values, so it prints and dumps as a count only.
public struct SecretRedactor: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Header names whose values are always redacted (compared case-insensitively).
    public static let headerNames: Set<String> = [
        "authorization", "proxy-authorization", "api-key", "x-api-key", "x-goog-api-key", "x-amz-security-token",
    ]
    /// What a redacted value reads as (no `<` or `&`, so it needs no escaping in HTML, XML or Markdown).
    public static let mask = "[REDACTED]"

    /// Secret values to remove verbatim, longest first (shorter than 6 characters are ignored: too many false hits).
    public let secrets: [String]

    public init(secrets: [String] = []) {
        self.secrets = Array(Set(secrets.filter { $0.count >= 6 })).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    public var description: String { "SecretRedactor(\(secrets.count) secrets)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    private static let headerPattern = try? NSRegularExpression(
        pattern: #"(?i)\b(proxy-authorization|authorization|x-goog-api-key|x-api-key|api-key|x-amz-security-token)(?!["']?\s*[:=]\s*["']?\[REDACTED\])(["']?\s*[:=]\s*["']?)[^"'\r\n,}\]]*"#
    )
    private static let queryPattern = try? NSRegularExpression(pattern: #"(?i)([?&](?:api_?)?key=)[^&\s"']+"#)
    /// Credentials written into a URL (`https://user:password@host`).
    private static let userInfoPattern = try? NSRegularExpression(pattern: #"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@"']+@"#)

    /// `text` with every credential replaced by ``mask``; redacting twice changes nothing more.
    public func redact(_ text: String) -> String {
        var result = text
        // Header values first (whole values, whatever they hold), then known secrets anywhere.
        for (pattern, template) in [
            (Self.headerPattern, "$1$2\(Self.mask)"), (Self.queryPattern, "$1\(Self.mask)"), (Self.userInfoPattern, "$1\(Self.mask)@"),
        ] {
            guard let pattern else { continue }
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        for secret in secrets { result = result.replacingOccurrences(of: secret, with: Self.mask) }
        return result
    }

    /// A metadata value, redacted entirely when its key names a credential header.
    public func redact(key: String, value: String) -> String {
        Self.headerNames.contains(key.lowercased()) ? Self.mask : redact(value)
    }

    /// `headers` with every credential header's value replaced by ``mask``.
    public func redact(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        headers.map { HTTPHeader($0.name, redact(key: $0.name, value: $0.value)) }
    }

    /// `error` with its message redacted (cause, retryability and wait hint unchanged).
    public func redact(_ error: ProviderError) -> ProviderError {
        var redacted = error
        redacted.message = redact(error.message)
        return redacted
    }
}
