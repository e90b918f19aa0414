import Testing
import TriageEval
@testable import TriageEvalStore

@Suite("Issue 15: a case's lean view holds its content hash as bytes")
struct CaseRefTests {
    static func ref(_ hash: String) -> CaseRef {
        CaseRef(revisionID: 1, id: "c1", contentHash: hash, scenario: "s", label: .tp)
    }

    @Test("a SHA-256's hex reads back exactly (leading zeros too); any other text is kept as it is")
    func contentHashReadsBack() {
        let hashes = [
            SHA256Hex.of(Array("case".utf8)), "00000000000000000000000000000000000000000000000000000000000000ff",
            String(repeating: "f", count: 64), String(repeating: "A", count: 64), "h1", "", String(repeating: "0", count: 63) + "g",
        ]
        for hash in hashes { #expect(Self.ref(hash).contentHash == hash) }
        var changed = Self.ref("h1")
        changed.contentHash = hashes[0]
        #expect(changed == Self.ref(hashes[0]) && changed.hashValue == Self.ref(hashes[0]).hashValue)
        // Different hashes, different views: bytes against bytes, text against bytes.
        #expect(Self.ref(hashes[0]) != Self.ref(hashes[1]))
        #expect(Self.ref(String(repeating: "a", count: 64)) != Self.ref(String(repeating: "A", count: 64)))
        #expect(Set(hashes.map { Self.ref($0) }).count == hashes.count)
    }
}
