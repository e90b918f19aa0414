/// A case with its canonical JSON and content hash, computed once: an import records the hash in the file's
/// entry list and stores the JSON and hash as the case's revision without encoding the case again.
public struct EncodedCase: Sendable {
    public var item: TriageCase
    /// ``TriageCase/canonicalJSON()``: empty when the case holds a value with no JSON form.
    public var body: String
    /// SHA-256 of ``body``.
    public var contentHash: String

    public init(_ item: TriageCase) {
        self.item = item
        let bytes = CanonicalCaseJSON.encode(item) ?? []
        body = String(decoding: bytes, as: UTF8.self)
        contentHash = SHA256Hex.of(bytes)
    }
}
