public import TriageEval

/// Identifies one planned evaluation within a run: prompt × model × case revision × sample.
public struct ResultKey: Sendable, Hashable {
    public var runID: Int64
    public var promptRowID: Int64
    public var modelRowID: Int64
    public var caseRevisionID: Int64
    public var sample: Int

    public init(runID: Int64, promptRowID: Int64, modelRowID: Int64, caseRevisionID: Int64, sample: Int) {
        self.runID = runID
        self.promptRowID = promptRowID
        self.modelRowID = modelRowID
        self.caseRevisionID = caseRevisionID
        self.sample = sample
    }
}

/// A stored evaluation joined with what reports need to name it.
public struct StoredResult: Sendable, Hashable {
    public var key: ResultKey
    /// `id@version` of the prompt.
    public var prompt: String
    public var promptSHA256: String
    /// The configured model id.
    public var model: String
    public var caseID: String
    public var caseRevision: Int
    public var label: Label
    public var scenario: String
    public var tags: [String]
    public var evaluation: Evaluation
}
