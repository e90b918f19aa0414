/// Threshold-free ranking quality of a score against binary outcomes, from the answers tallied by score
/// (``ScoreTally``): tied scores share their rank, so only the count at each distinct score matters.
public enum RankingMetrics {
    /// Area under the ROC curve as the Mann–Whitney statistic: the probability that a random positive
    /// scores above a random negative, ties counting ½.
    ///
    /// - Returns: nil when there are no positives or no negatives.
    public static func auroc(_ tally: ScoreTally) -> Double? {
        guard tally.positives > 0, tally.negatives > 0 else { return nil }
        // Sum of the positives' ranks, 1-based, tied scores sharing their average rank.
        var rankSumOfPositives = 0.0
        var below = 0
        for (_, count) in tally.ascending {
            let midRank = Double(below + (below + count.total - 1) + 2) / 2
            rankSumOfPositives += midRank * Double(count.positives)
            below += count.total
        }
        let p = Double(tally.positives)
        let u = rankSumOfPositives - p * (p + 1) / 2
        return u / (p * Double(tally.negatives))
    }

    /// Average precision as scikit-learn defines it: Σ (R_k − R_{k−1}) · P_k over the distinct scores
    /// taken as thresholds in descending order (an answer counts as predicted positive when its score ≥ the threshold).
    ///
    /// - Returns: nil when there are no positives.
    public static func averagePrecision(_ tally: ScoreTally) -> Double? {
        guard tally.positives > 0 else { return nil }
        var truePositives = 0
        var predicted = 0
        var previousRecall = 0.0
        var sum = 0.0
        for (_, count) in tally.ascending.reversed() {
            truePositives += count.positives
            predicted += count.total
            let recall = Double(truePositives) / Double(tally.positives)
            let precision = Double(truePositives) / Double(predicted)
            sum += (recall - previousRecall) * precision
            previousRecall = recall
        }
        return sum
    }

    /// ``auroc(_:)`` of `(score, positive)` pairs.
    public static func auroc(_ samples: [(score: Double, positive: Bool)]) -> Double? { auroc(ScoreTally(samples)) }

    /// ``averagePrecision(_:)`` of `(score, positive)` pairs.
    public static func averagePrecision(_ samples: [(score: Double, positive: Bool)]) -> Double? { averagePrecision(ScoreTally(samples)) }
}
