/// Label × verdict counts: `{"TP": {TP, SUSPICIOUS, FP, null}, "FP": {…}}`, rows by ground truth.
public struct VerdictConfusion: Sendable, Hashable, Codable {
    /// Verdicts given on cases labeled TP.
    public var tp: VerdictCounts
    /// Verdicts given on cases labeled FP.
    public var fp: VerdictCounts

    /// Creates the table from its two rows.
    public init(tp: VerdictCounts = VerdictCounts(), fp: VerdictCounts = VerdictCounts()) {
        self.tp = tp
        self.fp = fp
    }

    /// Counts each item's verdict (nil for a parse failure) in its label's row.
    public init(items: some Collection<ScoredItem>) {
        self.init()
        for item in items { add(item) }
    }

    /// Counts one item's verdict (nil for a parse failure) in its label's row.
    public mutating func add(_ item: ScoredItem) {
        self[item.label][item.scoredVerdict] += 1
    }

    /// The row for a label.
    public subscript(label: Label) -> VerdictCounts {
        get {
            switch label {
            case .tp: tp
            case .fp: fp
            }
        }
        set {
            switch label {
            case .tp: tp = newValue
            case .fp: fp = newValue
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case tp = "TP"
        case fp = "FP"
    }
}
