public import TriageEval

/// The lean view of one stored case revision that a run plans with: what case selection, shard cuts, result keys
/// and reports need, read from the store's columns (and the body's `tags` with SQLite's JSON functions) without
/// decoding the case. The whole case is decoded only when a prompt renders it (``Store/caseRevisions(_:)``).
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

    public init(revisionID: Int64, id: String, contentHash: String, scenario: String, label: Label, tags: [String] = [], variantOf: String? = nil) {
        self.revisionID = revisionID
        self.id = id
        self.contentHash = contentHash
        self.scenario = scenario
        self.label = label
        self.tags = tags
        self.variantOf = variantOf
    }

    /// Whether this is a robustness variant of another case.
    public var isVariant: Bool { variantOf != nil }
}
