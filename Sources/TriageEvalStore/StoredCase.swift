public import TriageEval

/// A case as stored: one revision of it, with the row id results point at.
public struct StoredCase: Sendable, Hashable {
    public var revisionID: Int64
    /// 1 for the first import; a changed case gets the next number.
    public var revision: Int
    public var item: TriageCase
}

/// What a case import did.
public struct CaseImportSummary: Sendable, Equatable {
    public var added: [String] = []
    public var revised: [String] = []
    public var unchanged: [String] = []

    public init() {}
}
