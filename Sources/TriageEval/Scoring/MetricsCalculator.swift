/// Metrics of answers already held (a comparison's paired answers, a test's); a report's groups are scored as their
/// results are read instead (``GroupTally``).
public enum MetricsCalculator {
    /// The metrics of one group of answers.
    ///
    /// - Parameters:
    ///   - items: the answers; each `alert` was already decided by the policy.
    ///   - threshold: the policy's confidence threshold, reported as `alert.threshold`.
    public static func group(_ items: some Collection<ScoredItem>, threshold: Double) -> GroupMetrics {
        GroupMetrics(items: items, threshold: threshold)
    }
}
