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
        let samples: [(score: Double, positive: Bool)] = items.compactMap { item in
            Self.pMalicious(item).map { (score: $0, positive: item.label == .tp) }
        }
        var binned = Array(repeating: [(score: Double, positive: Bool)](), count: ReliabilityBin.numberOfBins)
        for sample in samples {
            binned[ReliabilityBin.index(of: sample.score)].append(sample)
        }
        let reliability = binned.enumerated().map { k, members in
            ReliabilityBin(
                bin: k,
                lower: ReliabilityBin.edge(k),
                upper: ReliabilityBin.edge(k + 1),
                count: members.count,
                meanPredicted: mean(members.map(\.score)),
                observedFrequency: mean(members.map { $0.positive ? 1.0 : 0.0 })
            )
        }
        // |mean_predicted − observed| of each non-empty bin, with its weight count_k / n.
        let gaps: [(weight: Double, gap: Double)] = reliability.compactMap { bin in
            guard let predicted = bin.meanPredicted, let observed = bin.observedFrequency else { return nil }
            return (Double(bin.count) / Double(samples.count), abs(predicted - observed))
        }
        self.init(
            n: samples.count,
            positives: samples.count { $0.positive },
            brier: mean(samples.map { sample in
                let error = sample.score - (sample.positive ? 1.0 : 0.0)
                return error * error
            }),
            ece: samples.isEmpty ? nil : gaps.reduce(0.0) { $0 + $1.weight * $1.gap },
            mce: gaps.map(\.gap).max(),
            auroc: RankingMetrics.auroc(samples),
            averagePrecision: RankingMetrics.averagePrecision(samples),
            reliability: reliability
        )
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

/// The arithmetic mean, nil for no values.
private func mean(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.reduce(0.0, +) / Double(values.count)
}
