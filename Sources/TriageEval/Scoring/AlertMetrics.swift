/// The alert confusion matrix (the rule's decision against the label) and the rates derived from it.
///
/// A positive is a case labeled `TP`. Parse failures never alert, so they count as predicted negatives.
/// Rates are 0.0 where their denominator is 0; the Wilson intervals are null there instead.
public struct AlertMetrics: Sendable, Hashable, Codable {
    /// The policy's confidence threshold the alerts were decided with (`confidence > threshold`).
    public var threshold: Double
    /// Alerted, labeled TP.
    public var tp: Int
    /// Alerted, labeled FP.
    public var fp: Int
    /// Not alerted, labeled FP.
    public var tn: Int
    /// Not alerted, labeled TP.
    public var fn: Int
    /// tp / (tp + fp).
    public var precision: Double
    /// tp / (tp + fn).
    public var recall: Double
    /// 2·tp / (2·tp + fp + fn), the harmonic mean of precision and recall.
    public var f1: Double
    /// fp / (fp + tn).
    public var fpr: Double
    /// (tp + tn) / n.
    public var accuracy: Double
    /// Wilson 95% interval for precision (tp successes of tp + fp), nil when tp + fp = 0.
    public var precisionCI95: ConfidenceInterval?
    /// Wilson 95% interval for recall (tp successes of tp + fn), nil when tp + fn = 0.
    public var recallCI95: ConfidenceInterval?

    /// Creates alert metrics from already computed values.
    public init(
        threshold: Double, tp: Int, fp: Int, tn: Int, fn: Int,
        precision: Double, recall: Double, f1: Double, fpr: Double, accuracy: Double,
        precisionCI95: ConfidenceInterval?, recallCI95: ConfidenceInterval?
    ) {
        self.threshold = threshold
        self.tp = tp
        self.fp = fp
        self.tn = tn
        self.fn = fn
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.fpr = fpr
        self.accuracy = accuracy
        self.precisionCI95 = precisionCI95
        self.recallCI95 = recallCI95
    }

    /// Derives every rate and interval from the four confusion counts.
    public init(threshold: Double, tp: Int, fp: Int, tn: Int, fn: Int) {
        self.init(
            threshold: threshold, tp: tp, fp: fp, tn: tn, fn: fn,
            precision: ratio(tp, tp + fp),
            recall: ratio(tp, tp + fn),
            f1: ratio(2 * tp, 2 * tp + fp + fn),
            fpr: ratio(fp, fp + tn),
            accuracy: ratio(tp + tn, tp + fp + tn + fn),
            precisionCI95: .wilson(successes: tp, trials: tp + fp),
            recallCI95: .wilson(successes: tp, trials: tp + fn)
        )
    }

    /// Counts each item's `alert` against its `label`.
    public init(items: some Collection<ScoredItem>, threshold: Double) {
        var tally = Tally()
        for item in items { tally.add(item) }
        self = tally.metrics(threshold: threshold)
    }

    /// The confusion counts as answers arrive.
    public struct Tally: Sendable, Hashable {
        var tp = 0, fp = 0, tn = 0, fn = 0

        public init() {}

        /// Counts `item`'s `alert` against its `label`.
        public mutating func add(_ item: ScoredItem) {
            switch (item.label, item.alert) {
            case (.tp, true): tp += 1
            case (.fp, true): fp += 1
            case (.fp, false): tn += 1
            case (.tp, false): fn += 1
            }
        }

        /// The metrics of the answers counted so far.
        public func metrics(threshold: Double) -> AlertMetrics { AlertMetrics(threshold: threshold, tp: tp, fp: fp, tn: tn, fn: fn) }
    }

    /// Precision, nil when nothing alerted (undefined, not 0).
    public var definedPrecision: Double? { tp + fp == 0 ? nil : precision }
    /// Recall, nil when there was no attack.
    public var definedRecall: Double? { tp + fn == 0 ? nil : recall }
    /// F1, nil when there was neither an alert nor an attack.
    public var definedF1: Double? { 2 * tp + fp + fn == 0 ? nil : f1 }
    /// False-positive rate, nil when there was no benign case.
    public var definedFPR: Double? { fp + tn == 0 ? nil : fpr }
    /// Accuracy, nil with no answer.
    public var definedAccuracy: Double? { tp + fp + tn + fn == 0 ? nil : accuracy }

    /// The JSON names of the rates whose denominator is 0 (encoded as 0.0, as scikit-learn's `zero_division=0`).
    public var undefined: [String] {
        [("precision", definedPrecision), ("recall", definedRecall), ("f1", definedF1), ("fpr", definedFPR), ("accuracy", definedAccuracy)]
            .filter { $0.1 == nil }.map(\.0)
    }

    enum CodingKeys: String, CodingKey {
        case threshold, tp, fp, tn, fn, precision, recall, f1, fpr, accuracy
        case precisionCI95 = "precision_ci95"
        case recallCI95 = "recall_ci95"
    }

    /// Encodes every key; the intervals as `[lo, hi]` or `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(tp, forKey: .tp)
        try container.encode(fp, forKey: .fp)
        try container.encode(tn, forKey: .tn)
        try container.encode(fn, forKey: .fn)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
        try container.encode(fpr, forKey: .fpr)
        try container.encode(accuracy, forKey: .accuracy)
        try container.encodeOrNull(precisionCI95, forKey: .precisionCI95)
        try container.encodeOrNull(recallCI95, forKey: .recallCI95)
    }
}
