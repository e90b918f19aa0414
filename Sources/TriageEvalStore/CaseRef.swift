public import TriageEval

/// The lean view of one stored case revision that a run plans with and reports describe a case by: what case
/// selection, shard cuts, result keys and reports need, read from the store's columns (and the body's `tags`,
/// documents and `expected:` with SQLite's JSON functions) without decoding the case. The whole case is decoded only
/// when a prompt renders it or a report shows it (``Store/caseRevisions(_:)``).
public struct CaseRef: Sendable, Hashable {
    public var revisionID: Int64
    public var id: String
    /// The stored revision's content hash (of its canonical JSON).
    public var contentHash: String
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
        self.contentHash = contentHash
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
}
