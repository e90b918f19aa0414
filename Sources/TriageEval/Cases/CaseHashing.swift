internal import Crypto
public import Foundation

extension TriageCase {
    /// Canonical JSON of the case (sorted keys), byte for byte as `JSONEncoder` writes it (``CanonicalCaseJSON``):
    /// what is stored and hashed. Empty when the case holds a value with no JSON form (a non-finite number).
    public func canonicalJSON() -> String {
        CanonicalCaseJSON.encode(self).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// SHA-256 of ``canonicalJSON()``: a changed case gets a new revision, an unchanged one does not.
    public var contentHash: String { EncodedCase(self).contentHash }
}

/// Hex SHA-256 of text, used for content identities and cache keys.
public enum SHA256Hex {
    public static func of(_ text: String) -> String {
        of(Data(text.utf8))
    }

    public static func of(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    /// A hash fed piece by piece (a file read in chunks): the same as ``of(_:)-(DataProtocol)`` of the pieces joined.
    public struct Hasher {
        private var state = SHA256()

        public init() {}

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            state.update(bufferPointer: bytes)
        }

        public func finalize() -> String {
            hex(state.finalize())
        }
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
