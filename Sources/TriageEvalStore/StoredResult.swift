public import TriageEval

/// Identifies one planned evaluation within a run: prompt × model × case revision × row × sample.
///
/// `row` is the `BY` key of a row of a rule's execution over the case's documents (one call per row);
/// "" for a case judged by a single call.
public struct ResultKey: Sendable, Hashable {
    public var runID: Int64
    public var promptRowID: Int64
    public var modelRowID: Int64
    public var caseRevisionID: Int64
    public var sample: Int
    public var row: String
    /// The row's own label (a case's `row_labels` entry), stored with the result; nil: the case's label.
    public var label: Label?
    /// The row's own scenario, from the same entry; nil: the case's scenario.
    public var scenario: String?

    public init(
        runID: Int64, promptRowID: Int64, modelRowID: Int64, caseRevisionID: Int64, sample: Int, row: String = "",
        label: Label? = nil, scenario: String? = nil
    ) {
        self.runID = runID
        self.promptRowID = promptRowID
        self.modelRowID = modelRowID
        self.caseRevisionID = caseRevisionID
        self.sample = sample
        self.row = row
        self.label = label
        self.scenario = scenario
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
    /// The case id; for a row of a rule's execution over the case's documents, `id[row key]`, so every
    /// row is its own item in metrics, comparisons and reports.
    public var caseID: String
    public var caseRevision: Int
    /// The row's label when its case labels rows (``ResultKey/label``), else the case's: what every metric uses.
    public var label: Label
    public var scenario: String
    public var tags: [String]
    public var evaluation: Evaluation
    /// For a robustness variant's result: the base case's id and the transform (``TriageCase/variantOf``); nil otherwise.
    public var variantOf: String? = nil
    public var transform: String? = nil

    public init(
        key: ResultKey, prompt: String, promptSHA256: String, model: String, caseID: String, caseRevision: Int, label: Label, scenario: String,
        tags: [String], evaluation: Evaluation, variantOf: String? = nil, transform: String? = nil
    ) {
        self.key = key
        self.prompt = prompt
        self.promptSHA256 = promptSHA256
        self.model = model
        self.caseID = caseID
        self.caseRevision = caseRevision
        self.label = label
        self.scenario = scenario
        self.tags = tags
        self.evaluation = evaluation
        self.variantOf = variantOf
        self.transform = transform
    }
}
