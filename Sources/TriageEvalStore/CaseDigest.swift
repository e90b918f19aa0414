public import TriageEval

/// What reports need of a case revision without decoding its whole body: identity, label, scenario, tags,
/// variant parts, whether it carries documents, and its `expected:` values. A big run's reports describe
/// every planned case by its digest and decode whole cases only where they show or re-execute one.
public struct CaseDigest: Sendable, Hashable {
    public var revisionID: Int64
    public var id: String
    public var label: Label
    public var scenario: String
    public var tags: [String]
    /// ``TriageCase/variantOf`` and ``TriageCase/transform``.
    public var variantOf: String?
    public var transform: String?
    /// Whether the case carries at least one document.
    public var hasDocuments: Bool
    /// ``TriageCase/expected``.
    public var expected: [String: String]?

    public init(
        revisionID: Int64, id: String, label: Label, scenario: String, tags: [String] = [], variantOf: String? = nil,
        transform: String? = nil, hasDocuments: Bool = false, expected: [String: String]? = nil
    ) {
        self.revisionID = revisionID
        self.id = id
        self.label = label
        self.scenario = scenario
        self.tags = tags
        self.variantOf = variantOf
        self.transform = transform
        self.hasDocuments = hasDocuments
        self.expected = expected
    }

    /// The digest of a decoded case.
    public init(revisionID: Int64, _ item: TriageCase) {
        self.init(
            revisionID: revisionID, id: item.id, label: item.label, scenario: item.scenario, tags: item.tags, variantOf: item.variantOf,
            transform: item.transform, hasDocuments: item.documents?.isEmpty == false, expected: item.expected
        )
    }

    /// The variant's id parts, as ``TriageCase/variantID`` reads them.
    public var variantID: CaseVariantID? {
        CaseVariantID(caseID: id, variantOf: variantOf, transform: transform)
    }
}
