/// What a gate judges: one prompt × model's planned evaluations, its answers, their metrics and the tags of
/// its cases.
public struct GateSubject: Sendable {
    /// `id@version × model`.
    public var name: String
    public var metrics: GroupMetrics
    /// Every scored answer (all samples; provider errors are not answers).
    public var items: ScoredItems
    /// Tags by case id of the planned cases (answered or not) tagged `must-alert` or `must-not-alert` (others may be absent).
    public var tags: [String: [String]]
    /// Every planned case with its samples folded, unanswered ones included.
    public var cases: [CaseOutcome]
    /// Evaluations planned for this prompt × model (cases × samples).
    public var planned: Int
    /// Of those, provider errors after retries (the rest of the unanswered were never run).
    public var errors: Int
    /// Why the answers carry no numeric score (a prompt with declared fields), so calibration is undefined.
    public var scoreNote: String?

    public init(
        name: String, metrics: GroupMetrics, items: ScoredItems, tags: [String: [String]], cases: [CaseOutcome]? = nil,
        planned: Int? = nil, errors: Int = 0
    ) {
        self.name = name
        self.metrics = metrics
        self.items = items
        self.tags = tags
        let folded = cases ?? CaseOutcome.fold(items, plannedCases: [], samples: items.reduce(0) { max($0, $1.sample + 1) })
        self.cases = folded
        self.planned = planned ?? folded.reduce(0) { $0 + $1.planned }
        self.errors = errors
    }

    /// Planned evaluations with no answer (provider errors plus never run).
    public var unanswered: Int { max(0, planned - items.count) }
}

/// The baseline a gated subject is compared with.
public struct GateBaseline: Sendable {
    /// `id@version × model` of the baseline, with its run.
    public var name: String
    public var metrics: GroupMetrics
    /// Baseline (base) against the gated subject (candidate).
    public var comparison: PairedComparison

    public init(name: String, metrics: GroupMetrics, comparison: PairedComparison) {
        self.name = name
        self.metrics = metrics
        self.comparison = comparison
    }
}
