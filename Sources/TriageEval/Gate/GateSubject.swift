/// What a gate judges: one prompt × model's answers, their metrics and the tags of their cases.
public struct GateSubject: Sendable {
    /// `id@version × model`.
    public var name: String
    public var metrics: GroupMetrics
    /// Every scored answer (all samples).
    public var items: [ScoredItem]
    /// Tags by case id (for `must-alert` / `must-not-alert`).
    public var tags: [String: [String]]

    public init(name: String, metrics: GroupMetrics, items: [ScoredItem], tags: [String: [String]]) {
        self.name = name
        self.metrics = metrics
        self.items = items
        self.tags = tags
    }
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
