internal import Crypto
public import Foundation

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
    public var contentHash: String { EncodedCase(self).contentHash }
}

/// Hex SHA-256 of text, used for content identities and cache keys.
public enum SHA256Hex {
    public static func of(_ text: String) -> String {
        of(Data(text.utf8))
    }

    public static func of(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lowercase hex of bytes (`String(format:)` per byte was a visible cost at thousands of hashes).
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
