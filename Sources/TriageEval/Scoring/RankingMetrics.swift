/// Threshold-free ranking quality of a score against binary outcomes.
public enum RankingMetrics {
    /// Area under the ROC curve as the Mann–Whitney statistic: the probability that a random positive
    /// scores above a random negative, ties counting ½.
    ///
    /// - Parameter samples: `(score, positive)` pairs.
    /// - Returns: nil when there are no positives or no negatives.
    public static func auroc(_ samples: [(score: Double, positive: Bool)]) -> Double? {
        let positives = samples.count { $0.positive }
        let negatives = samples.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        // Sum of the positives' ranks, 1-based, tied scores sharing their average rank.
        let sorted = samples.sorted { $0.score < $1.score }
        var rankSumOfPositives = 0.0
        for group in tieGroups(sorted) {
            let midRank = Double(group.lowerBound + group.upperBound + 2) / 2
            rankSumOfPositives += midRank * Double(sorted[group].count { $0.positive })
        }
        let p = Double(positives)
        let u = rankSumOfPositives - p * (p + 1) / 2
        return u / (p * Double(negatives))
    }

    /// Average precision as scikit-learn defines it: Σ (R_k − R_{k−1}) · P_k over the distinct scores
    /// taken as thresholds in descending order (an answer counts as predicted positive when its score ≥ the threshold).
    ///
    /// - Parameter samples: `(score, positive)` pairs.
    /// - Returns: nil when there are no positives.
    public static func averagePrecision(_ samples: [(score: Double, positive: Bool)]) -> Double? {
        let positives = samples.count { $0.positive }
        guard positives > 0 else { return nil }
        let sorted = samples.sorted { $0.score > $1.score }
        var truePositives = 0
        var previousRecall = 0.0
        var sum = 0.0
        for group in tieGroups(sorted) {
            truePositives += sorted[group].count { $0.positive }
            let recall = Double(truePositives) / Double(positives)
            let precision = Double(truePositives) / Double(group.upperBound + 1)
            sum += (recall - previousRecall) * precision
            previousRecall = recall
        }
        return sum
    }

    /// The index ranges of runs of equal scores in a sorted array.
    private static func tieGroups(_ sorted: [(score: Double, positive: Bool)]) -> [ClosedRange<Int>] {
        var groups: [ClosedRange<Int>] = []
        var start = 0
        while start < sorted.count {
            var end = start
            while end + 1 < sorted.count && sorted[end + 1].score == sorted[start].score {
                end += 1
            }
            groups.append(start ... end)
            start = end + 1
        }
        return groups
    }
}
