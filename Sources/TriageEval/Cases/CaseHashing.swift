internal import Crypto
internal import Foundation

extension TriageCase {
    /// Canonical JSON of the case (sorted keys): what is stored and hashed.
    public func canonicalJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a value type of strings, numbers and lists cannot fail.
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// SHA-256 of ``canonicalJSON()``: a changed case gets a new revision, an unchanged one does not.
    public var contentHash: String { SHA256Hex.of(canonicalJSON()) }
}

/// Hex SHA-256 of text, used for content identities and cache keys.
public enum SHA256Hex {
    public static func of(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
