public import TriageEval

/// The lean view of one stored case revision that a run plans with and reports describe a case by: what case
/// selection, shard cuts, result keys and reports need, read from the store's columns (and the body's `tags`,
/// documents and `expected:` with SQLite's JSON functions) without decoding the case. The whole case is decoded only
/// when a prompt renders it or a report shows it (``Store/caseRevisions(_:)``).
public struct CaseRef: Sendable, Hashable {
    public var revisionID: Int64
    public var id: String
    /// The stored revision's content hash (of its canonical JSON): the lowercase hex of a SHA-256.
    public var contentHash: String {
        get { rare?.otherHash ?? digest.hex }
        set {
            let (digest, other) = Self.compact(newValue)
            self.digest = digest
            rare = Rare(variantOf: variantOf, transform: transform, otherHash: other)
        }
    }
    public var scenario: String
    public var tags: [String]
    /// ``TriageCase/expected``.
    public var expected: [String: String]?
    /// A lowercase-hex SHA-256 held as its 32 bytes (a run plans with 100,000 of these: a hex string would be a
    /// 112-byte allocation each).
    private var digest: Digest
    /// What few cases have (a variant's parts, a content hash that is not a SHA-256's hex), held apart: a report of
    /// an interrupted big run keeps 100,000 of these views in a dictionary, each bucket as wide as the view.
    private var rare: Rare?
    public var label: Label
    /// Whether the case carries at least one document.
    public var hasDocuments: Bool

    /// The base case of a robustness variant; nil for a case of a file.
    public var variantOf: String? {
        get { rare?.variantOf }
        set { rare = Rare(variantOf: newValue, transform: transform, otherHash: rare?.otherHash) }
    }

    /// ``TriageCase/transform``.
    public var transform: String? {
        get { rare?.transform }
        set { rare = Rare(variantOf: variantOf, transform: newValue, otherHash: rare?.otherHash) }
    }

    public init(
        revisionID: Int64, id: String, contentHash: String, scenario: String, label: Label, tags: [String] = [], variantOf: String? = nil,
        transform: String? = nil, hasDocuments: Bool = false, expected: [String: String]? = nil
    ) {
        self.revisionID = revisionID
        self.id = id
        let (digest, other) = Self.compact(contentHash)
        self.digest = digest
        rare = Rare(variantOf: variantOf, transform: transform, otherHash: other)
        self.scenario = scenario
        self.label = label
        self.tags = tags
        self.hasDocuments = hasDocuments
        self.expected = expected
    }

    /// The lean view of a decoded case (its content hash computed from it).
    public init(revisionID: Int64, _ item: TriageCase) {
        self.init(
            revisionID: revisionID, id: item.id, contentHash: item.contentHash, scenario: item.scenario, label: item.label, tags: item.tags,
            variantOf: item.variantOf, transform: item.transform, hasDocuments: item.documents?.isEmpty == false, expected: item.expected
        )
    }

    /// The variant's id parts, as ``TriageCase/variantID`` reads them.
    public var variantID: CaseVariantID? { CaseVariantID(caseID: id, variantOf: variantOf, transform: transform) }

    /// Whether this is a robustness variant of another case.
    public var isVariant: Bool { variantOf != nil }

    /// 32 bytes as four big-endian words.
    struct Digest: Sendable, Hashable {
        var first: UInt64 = 0, second: UInt64 = 0, third: UInt64 = 0, fourth: UInt64 = 0

        static let zero = Digest()

        private init() {}

        /// Parses 64 lowercase hex digits; nil for anything else.
        init?(hex: String) {
            var words: [UInt64] = []
            var word: UInt64 = 0
            var digits = 0
            for digit in hex.utf8 {
                switch digit {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): word = word << 4 | UInt64(digit - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): word = word << 4 | UInt64(digit - UInt8(ascii: "a") + 10)
                default: return nil
                }
                digits += 1
                if digits % 16 == 0 {
                    words.append(word)
                    word = 0
                }
            }
            guard digits == 64 else { return nil }
            (first, second, third, fourth) = (words[0], words[1], words[2], words[3])
        }

        var hex: String {
            [first, second, third, fourth].map { word in
                let digits = String(word, radix: 16)
                return String(repeating: "0", count: 16 - digits.count) + digits
            }.joined()
        }
    }

    /// `hash` as a digest when it is one, else as text.
    private static func compact(_ hash: String) -> (Digest, String?) {
        Digest(hex: hash).map { ($0, nil) } ?? (.zero, hash)
    }

    /// The rarely set fields, immutable (a change makes a new box, so views keep value semantics).
    final class Rare: Sendable, Hashable {
        let variantOf: String?
        let transform: String?
        let otherHash: String?

        /// nil when every field is.
        convenience init?(variantOf: String?, transform: String?, otherHash: String?) {
            guard variantOf != nil || transform != nil || otherHash != nil else { return nil }
            self.init(variantOf, transform, otherHash)
        }

        private init(_ variantOf: String?, _ transform: String?, _ otherHash: String?) {
            self.variantOf = variantOf
            self.transform = transform
            self.otherHash = otherHash
        }

        static func == (lhs: Rare, rhs: Rare) -> Bool {
            (lhs.variantOf, lhs.transform, lhs.otherHash) == (rhs.variantOf, rhs.transform, rhs.otherHash)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(variantOf)
            hasher.combine(transform)
            hasher.combine(otherHash)
        }
    }
}
