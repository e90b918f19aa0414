internal import Algorithms

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
        var tally = Tally(alertVerdicts: alertVerdicts, comparison: comparison)
        for item in items { tally.add(item) }
        self = tally.sweep(productionThreshold: productionThreshold, recallTarget: recallTarget)
    }

    /// The sweep computed as answers arrive: the alerting-verdict answers tallied by confidence, and every answer
    /// by label. (The points are every distinct confidence: one entry each, not one per answer.)
    public struct Tally: Sendable, Hashable {
        let alertVerdicts: Set<String>
        let comparison: ThresholdComparison
        private var ranked = ScoreTally()
        private var positives = 0
        private var total = 0

        public init(alertVerdicts: Set<String>, comparison: ThresholdComparison = .greater) {
            self.alertVerdicts = alertVerdicts
            self.comparison = comparison
        }

        /// Counts one answer: by label, and by confidence when it parsed with an alerting verdict.
        public mutating func add(_ item: ScoredItem) {
            total += 1
            if item.label == .tp { positives += 1 }
            guard let verdict = item.scoredVerdict, alertVerdicts.contains(verdict), let confidence = item.confidence else { return }
            ranked.add(confidence, positive: item.label == .tp)
        }

        /// The sweep over the answers counted so far.
        public func sweep(productionThreshold: Double, recallTarget: Double = ThresholdSweep.defaultRecallTarget) -> ThresholdSweep {
            let ranking = Ranking(ranked, positives: positives, negatives: total - positives, comparison: comparison)
            var thresholds = ranking.confidences.reversed() as [Double]
            if !thresholds.contains(productionThreshold) {
                thresholds.insert(productionThreshold, at: thresholds.firstIndex { $0 > productionThreshold } ?? thresholds.endIndex)
            }
            let points = thresholds.map(ranking.metrics(above:))
            let production = ranking.metrics(above: productionThreshold)
            let bestF1 = points.reduce(production) { best, point in
                point.f1 > best.f1 || (point.f1 == best.f1 && point.threshold > best.threshold) ? point : best
            }
            let highestRecall = points.reduce(production) { best, point in
                point.recall > best.recall || (point.recall == best.recall && point.threshold > best.threshold) ? point : best
            }
            return ThresholdSweep(
                productionThreshold: productionThreshold, comparison: comparison, recallTarget: recallTarget, points: points, bestF1: bestF1,
                recallFirst: points.last { $0.recall >= recallTarget }, highestRecall: highestRecall, production: production
            )
        }
    }

    private init(
        productionThreshold: Double, comparison: ThresholdComparison, recallTarget: Double, points: [AlertMetrics], bestF1: AlertMetrics,
        recallFirst: AlertMetrics?, highestRecall: AlertMetrics, production: AlertMetrics
    ) {
        self.productionThreshold = productionThreshold
        self.comparison = comparison
        self.recallTarget = recallTarget
        self.points = points
        self.bestF1 = bestF1
        self.recallFirst = recallFirst
        self.highestRecall = highestRecall
        self.production = production
    }
}

/// The alerting-verdict answers ranked by confidence, for O(log n) counts at any threshold.
private struct Ranking {
    /// The distinct confidences of answers that alert at a low enough threshold, descending.
    let confidences: [Double]
    /// `positivePrefix[k]` and `alertPrefix[k]`: how many answers at the first k confidences are labeled TP, and in all.
    let positivePrefix: [Int]
    let alertPrefix: [Int]
    let positives: Int
    let negatives: Int
    let comparison: ThresholdComparison

    init(_ ranked: ScoreTally, positives: Int, negatives: Int, comparison: ThresholdComparison) {
        let descending = ranked.ascending.reversed()
        confidences = descending.map(\.score)
        var positivePrefix = [0], alertPrefix = [0]
        for (_, count) in descending {
            positivePrefix.append(positivePrefix[positivePrefix.count - 1] + count.positives)
            alertPrefix.append(alertPrefix[alertPrefix.count - 1] + count.total)
        }
        self.positivePrefix = positivePrefix
        self.alertPrefix = alertPrefix
        self.positives = positives
        self.negatives = negatives
        self.comparison = comparison
    }

    /// The alert metrics when answers alert at a confidence passing `threshold` under the rule's operator.
    func metrics(above threshold: Double) -> AlertMetrics {
        // Binary search: the number of ranked confidences (descending) that pass the threshold.
        let passing = confidences.partitioningIndex { !comparison.passes($0, threshold) }
        let tp = positivePrefix[passing]
        let fp = alertPrefix[passing] - tp
        return AlertMetrics(threshold: threshold, tp: tp, fp: fp, tn: negatives - fp, fn: positives - tp)
    }
}
