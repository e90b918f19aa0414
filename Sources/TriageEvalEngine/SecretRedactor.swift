internal import Foundation

/// Removes credentials from debug output: values of the headers that carry keys (`Authorization`,
/// `api-key`, `x-api-key`, `x-goog-api-key`, …), a `key=` query parameter, and any known secret
/// value (the environment variables the config names), wherever they appear.
public struct SecretRedactor: Sendable {
    /// Header names whose values are always redacted (compared case-insensitively).
    public static let headerNames: Set<String> = ["authorization", "proxy-authorization", "api-key", "x-api-key", "x-goog-api-key"]
    public static let mask = "[REDACTED]"

    /// Secret values to remove verbatim (shorter than 6 characters are ignored: too many false hits).
    public let secrets: [String]

    public init(secrets: [String] = []) {
        self.secrets = secrets.filter { $0.count >= 6 }.sorted { $0.count > $1.count }
    }

    /// The known secrets held by the environment variables the models name (`api_key_env`, `*_env` options).
    public static func secrets(for names: [String], environment: [String: String]) -> [String] {
        names.compactMap { environment[$0] }
    }

    private static let headerPattern = try? NSRegularExpression(
        pattern: #"(?i)\b(proxy-authorization|authorization|x-goog-api-key|x-api-key|api-key)(["']?\s*[:=]\s*["']?)[^"'\r\n,}\]]*"#
    )
    private static let queryPattern = try? NSRegularExpression(pattern: #"(?i)([?&](?:api_?)?key=)[^&\s"']+"#)

    /// `text` with every credential replaced by ``mask``.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets { result = result.replacingOccurrences(of: secret, with: Self.mask) }
        for (pattern, template) in [(Self.headerPattern, "$1$2\(Self.mask)"), (Self.queryPattern, "$1\(Self.mask)")] {
            guard let pattern else { continue }
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        return result
    }

    /// A metadata value, redacted entirely when its key names a credential header.
    public func redact(key: String, value: String) -> String {
        Self.headerNames.contains(key.lowercased()) ? Self.mask : redact(value)
    }
}
