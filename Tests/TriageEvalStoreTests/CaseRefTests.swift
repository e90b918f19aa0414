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

    @Test("a variant's parts and an odd hash are held apart and read back; setting them keeps value semantics")
    func rareFieldsReadBack() {
        let hash = SHA256Hex.of(Array("base".utf8))
        var variant = CaseRef(revisionID: 2, id: "c1~reorder~1", contentHash: "h2", scenario: "s", label: .tp, variantOf: "c1", transform: "reorder")
        #expect(variant.variantOf == "c1" && variant.transform == "reorder" && variant.contentHash == "h2" && variant.isVariant)
        let before = variant
        variant.contentHash = hash
        variant.transform = nil
        #expect(variant.contentHash == hash && variant.variantOf == "c1" && variant.transform == nil)
        #expect(before.contentHash == "h2" && before.transform == "reorder")
        variant.variantOf = nil
        #expect(variant == CaseRef(revisionID: 2, id: "c1~reorder~1", contentHash: hash, scenario: "s", label: .tp))
        // A planned case's view: its id, scenario, tags and expected values by reference, the hash inline.
        #expect(MemoryLayout<CaseRef>.stride <= 104)
    }

    @Test("views by revision: found by row id in any order given, the later of two with one row id kept, others nil")
    func viewsByRevision() {
        func ref(_ revision: Int64, _ id: String) -> CaseRef { CaseRef(revisionID: revision, id: id, contentHash: "h", scenario: "s", label: .fp) }
        let refs = CaseRefs([ref(30, "c"), ref(10, "a"), ref(20, "b"), ref(10, "a2"), ref(5, "z")])
        #expect(refs.values.map(\.revisionID) == [5, 10, 20, 30])
        #expect(refs[10]?.id == "a2")
        #expect(refs[30]?.id == "c" && refs[5]?.id == "z")
        #expect(refs[1] == nil && refs[15] == nil && refs[31] == nil)
        #expect(CaseRefs()[1] == nil && CaseRefs().isEmpty && refs.count == 4)
    }
}
