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
        get { otherHash ?? digest.hex }
        set { (digest, otherHash) = Self.compact(newValue) }
    }
    /// A lowercase-hex SHA-256 held as its 32 bytes (a run plans with 100,000 of these: a hex string would be a
    /// 112-byte allocation each); any other text is kept in ``otherHash``.
    private var digest: Digest
    private var otherHash: String?
    public var scenario: String
    public var label: Label
    public var tags: [String]
    /// The base case of a robustness variant; nil for a case of a file.
    public var variantOf: String?
    /// ``TriageCase/transform``.
    public var transform: String?
    /// Whether the case carries at least one document.
    public var hasDocuments: Bool
    /// ``TriageCase/expected``.
    public var expected: [String: String]?

    public init(
        revisionID: Int64, id: String, contentHash: String, scenario: String, label: Label, tags: [String] = [], variantOf: String? = nil,
        transform: String? = nil, hasDocuments: Bool = false, expected: [String: String]? = nil
    ) {
        self.revisionID = revisionID
        self.id = id
        (digest, otherHash) = Self.compact(contentHash)
        self.scenario = scenario
        self.label = label
        self.tags = tags
        self.variantOf = variantOf
        self.transform = transform
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
}
