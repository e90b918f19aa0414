/// How well the stated confidence matches reality, over the answers that can be scored as probabilities.
///
/// Used: parsed answers (status `ok`) whose confidence lies in [0, 1] and whose verdict is `TP`,
/// `SUSPICIOUS` (p_malicious = confidence) or `FP` (p_malicious = 1 − confidence). Everything else
/// is counted in the group's `n` but not here. Outcome y = 1 for cases labeled TP.
public struct CalibrationMetrics: Sendable, Hashable, Codable {
    /// Number of answers used.
    public var n: Int
    /// How many of them are labeled TP.
    public var positives: Int
    /// Mean of (p − y)², nil when n = 0.
    public var brier: Double?
    /// Expected calibration error Σ (count_k / n) · |mean_predicted_k − observed_frequency_k|, nil when n = 0.
    public var ece: Double?
    /// Maximum calibration error: the largest |mean_predicted_k − observed_frequency_k| over non-empty bins, nil when n = 0.
    public var mce: Double?
    /// Area under the ROC curve of p_malicious, nil without both positives and negatives.
    public var auroc: Double?
    /// Average precision of p_malicious, nil without positives.
    public var averagePrecision: Double?
    /// The ten bins of the reliability table, in order.
    public var reliability: [ReliabilityBin]

    /// Creates calibration metrics from already computed values.
    public init(
        n: Int, positives: Int, brier: Double?, ece: Double?, mce: Double?,
        auroc: Double?, averagePrecision: Double?, reliability: [ReliabilityBin]
    ) {
        self.n = n
        self.positives = positives
        self.brier = brier
        self.ece = ece
        self.mce = mce
        self.auroc = auroc
        self.averagePrecision = averagePrecision
        self.reliability = reliability
    }

    /// The predicted probability that the case is malicious, or nil when the item is not used for calibration.
    public static func pMalicious(_ item: ScoredItem) -> Double? {
        guard item.status == .ok, let confidence = item.confidence, (0.0 ... 1.0).contains(confidence) else { return nil }
        switch item.verdict {
        case "TP", "SUSPICIOUS": return confidence
        case "FP": return 1 - confidence
        default: return nil
        }
    }

    /// Computes calibration over the usable items.
    public init(items: some Collection<ScoredItem>) {
        var tally = Tally()
        for item in items { tally.add(item) }
        self = tally.metrics
    }

    /// Calibration computed as answers arrive: per bin, the count, positives and sum of p_malicious; the squared
    /// errors' sum; the answers by score for the ranking metrics. Sums run in arrival order, so the figures equal
    /// those of the answers taken in that order.
    public struct Tally: Sendable, Hashable {
        private var binCounts = Array(repeating: 0, count: ReliabilityBin.numberOfBins)
        private var binPositives = Array(repeating: 0, count: ReliabilityBin.numberOfBins)
        private var binScores = Array(repeating: 0.0, count: ReliabilityBin.numberOfBins)
        private var squaredErrors = 0.0
        private var ranking = ScoreTally()

        public init() {}

        /// Counts `item` when it can be scored as a probability (``CalibrationMetrics/pMalicious(_:)``).
        public mutating func add(_ item: ScoredItem) {
            guard let score = CalibrationMetrics.pMalicious(item) else { return }
            let positive = item.label == .tp
            let bin = ReliabilityBin.index(of: score)
            binCounts[bin] += 1
            binScores[bin] += score
            if positive { binPositives[bin] += 1 }
            let error = score - (positive ? 1.0 : 0.0)
            squaredErrors += error * error
            ranking.add(score, positive: positive)
        }

        /// The calibration of the answers counted so far.
        public var metrics: CalibrationMetrics {
            let n = ranking.total
            let reliability = (0..<ReliabilityBin.numberOfBins).map { k in
                let count = binCounts[k]
                return ReliabilityBin(
                    bin: k, lower: ReliabilityBin.edge(k), upper: ReliabilityBin.edge(k + 1), count: count,
                    meanPredicted: count == 0 ? nil : binScores[k] / Double(count),
                    observedFrequency: count == 0 ? nil : Double(binPositives[k]) / Double(count)
                )
            }
            // |mean_predicted − observed| of each non-empty bin, with its weight count_k / n.
            let gaps: [(weight: Double, gap: Double)] = reliability.compactMap { bin in
                guard let predicted = bin.meanPredicted, let observed = bin.observedFrequency else { return nil }
                return (Double(bin.count) / Double(n), abs(predicted - observed))
            }
            return CalibrationMetrics(
                n: n,
                positives: ranking.positives,
                brier: n == 0 ? nil : squaredErrors / Double(n),
                ece: n == 0 ? nil : gaps.reduce(0.0) { $0 + $1.weight * $1.gap },
                mce: gaps.map(\.gap).max(),
                auroc: RankingMetrics.auroc(ranking),
                averagePrecision: RankingMetrics.averagePrecision(ranking),
                reliability: reliability
            )
        }
    }

    enum CodingKeys: String, CodingKey {
        case n, positives, brier, ece, mce, auroc
        case averagePrecision = "average_precision"
        case reliability
    }

    /// Encodes every key; undefined values as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(n, forKey: .n)
        try container.encode(positives, forKey: .positives)
        try container.encodeOrNull(brier, forKey: .brier)
        try container.encodeOrNull(ece, forKey: .ece)
        try container.encodeOrNull(mce, forKey: .mce)
        try container.encodeOrNull(auroc, forKey: .auroc)
        try container.encodeOrNull(averagePrecision, forKey: .averagePrecision)
        try container.encode(reliability, forKey: .reliability)
    }
}
