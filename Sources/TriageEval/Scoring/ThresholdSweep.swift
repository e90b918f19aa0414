/// Alert metrics as the confidence threshold moves, keeping the verdict rule fixed.
///
/// An answer alerts at threshold t when it parsed, its verdict is an alerting verdict and its
/// confidence passes t under the rule's own operator (`>` or `>=`) — the production rule with t in place of
/// `min_confidence`. The thresholds tried are every distinct confidence among alerting-verdict answers, plus the
/// production threshold.
public struct ThresholdSweep: Sendable, Hashable {
    /// The threshold the policy uses today.
    public var productionThreshold: Double
    /// The rule's operator, used at every point.
    public var comparison: ThresholdComparison
    /// The recall the recall-first point must reach.
    public var recallTarget: Double
    /// One point per threshold tried, ascending by threshold.
    public var points: [AlertMetrics]
    /// The point with the highest F1 (ties: the highest threshold).
    public var bestF1: AlertMetrics
    /// The highest threshold whose recall ≥ ``recallTarget``; nil when no threshold reaches it
    /// (see ``highestRecall``).
    public var recallFirst: AlertMetrics?
    /// The point with the highest recall (ties: the highest threshold): what is reachable when
    /// ``recallFirst`` is not.
    public var highestRecall: AlertMetrics
    /// The point at the production threshold.
    public var production: AlertMetrics

    /// The default recall target of the recall-first point.
    public static let defaultRecallTarget = 0.95

    /// Sweeps the thresholds over `items`.
    ///
    /// - Parameters:
    ///   - items: the answers (label, parse status, verdict and confidence are used; `alert` is not).
    ///   - alertVerdicts: canonical verdicts that alert, e.g. `["TP", "SUSPICIOUS"]`.
    ///   - productionThreshold: the policy's `min_confidence`.
    ///   - comparison: the rule's operator.
    ///   - recallTarget: the recall the recall-first point must reach.
    public init(
        items: some Collection<ScoredItem>, alertVerdicts: Set<String>, productionThreshold: Double, comparison: ThresholdComparison = .greater,
        recallTarget: Double = defaultRecallTarget
    ) {
        let ranking = Ranking(items: items, alertVerdicts: alertVerdicts, comparison: comparison)
        let thresholds = Set(ranking.confidences).union([productionThreshold]).sorted()
        let points = thresholds.map(ranking.metrics(above:))
        let production = ranking.metrics(above: productionThreshold)
        let bestF1 = points.reduce(production) { best, point in
            point.f1 > best.f1 || (point.f1 == best.f1 && point.threshold > best.threshold) ? point : best
        }
        let highestMeetingTarget = points.last { $0.recall >= recallTarget }
        let highestRecall = points.reduce(production) { best, point in
            point.recall > best.recall || (point.recall == best.recall && point.threshold > best.threshold) ? point : best
        }
        self.productionThreshold = productionThreshold
        self.comparison = comparison
        self.recallTarget = recallTarget
        self.points = points
        self.bestF1 = bestF1
        self.recallFirst = highestMeetingTarget
        self.highestRecall = highestRecall
        self.production = production
    }
}

/// The alerting-verdict answers ranked by confidence, for O(log n) counts at any threshold.
private struct Ranking {
    /// Confidences of answers that alert at a low enough threshold, descending.
    let confidences: [Double]
    /// `positivePrefix[k]`: how many of the first k ranked answers are labeled TP.
    let positivePrefix: [Int]
    let positives: Int
    let negatives: Int
    let comparison: ThresholdComparison

    init(items: some Collection<ScoredItem>, alertVerdicts: Set<String>, comparison: ThresholdComparison) {
        self.comparison = comparison
        let ranked: [(confidence: Double, positive: Bool)] = items.compactMap { item in
            guard let verdict = item.scoredVerdict, alertVerdicts.contains(verdict), let confidence = item.confidence else { return nil }
            return (confidence, item.label == .tp)
        }.sorted { $0.confidence > $1.confidence }
        confidences = ranked.map(\.confidence)
        positivePrefix = ranked.reduce(into: [0]) { prefix, answer in
            prefix.append(prefix[prefix.count - 1] + (answer.positive ? 1 : 0))
        }
        positives = items.count { $0.label == .tp }
        negatives = items.count - positives
    }

    /// The alert metrics when answers alert at a confidence passing `threshold` under the rule's operator.
    func metrics(above threshold: Double) -> AlertMetrics {
        // Binary search: the number of ranked answers whose confidence passes the threshold.
        var low = 0
        var high = confidences.count
        while low < high {
            let middle = (low + high) / 2
            if comparison.passes(confidences[middle], threshold) { low = middle + 1 } else { high = middle }
        }
        let tp = positivePrefix[low]
        let fp = low - tp
        return AlertMetrics(threshold: threshold, tp: tp, fp: fp, tn: negatives - fp, fn: positives - tp)
    }
}
