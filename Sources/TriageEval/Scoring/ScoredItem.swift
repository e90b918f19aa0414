/// One evaluated answer, reduced to what scoring needs.
///
/// Scoring works on these plain values so that it stays pure and fast;
/// the engine builds them from stored results. (Fields are laid out widest first: a big run holds one per answer.)
public struct ScoredItem: Sendable, Hashable {
    public var caseID: String
    public var scenario: String
    /// Canonical verdict when the parse is ok (e.g. `TP`, `FP`, `SUSPICIOUS`), else nil.
    public var verdict: String?
    /// A categorical confidence's level when the parse is ok (e.g. `high`), else nil.
    public var confidenceLevel: String?
    /// Repeat index, 0-based.
    public var sample: Int
    /// Parsed confidence when the parse is ok, else nil. May lie outside [0, 1].
    public var confidence: Double?
    public var label: Label
    public var status: ParseStatus
    /// Whether the alert policy fired on this answer.
    public var alert: Bool

    public init(
        caseID: String, scenario: String, label: Label, sample: Int, status: ParseStatus, verdict: String?, confidence: Double?, alert: Bool,
        confidenceLevel: String? = nil
    ) {
        self.caseID = caseID
        self.scenario = scenario
        self.label = label
        self.sample = sample
        self.status = status
        self.verdict = verdict
        self.confidence = confidence
        self.alert = alert
        self.confidenceLevel = confidenceLevel
    }
}
