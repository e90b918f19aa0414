/// Entry points that turn scored answers into the report's metric groups.
public enum MetricsCalculator {
    /// The metrics of one group of answers.
    ///
    /// - Parameters:
    ///   - items: the answers; each `alert` was already decided by the policy.
    ///   - threshold: the policy's confidence threshold, reported as `alert.threshold`.
    public static func group(_ items: some Collection<ScoredItem>, threshold: Double) -> GroupMetrics {
        GroupMetrics(items: items, threshold: threshold)
    }

    /// The metrics of all answers and of each scenario's answers.
    public static func breakdown(_ items: some Collection<ScoredItem>, threshold: Double) -> (overall: GroupMetrics, byScenario: [String: GroupMetrics]) {
        // One scenario's answers at a time: a big group is never copied whole into per-scenario arrays.
        var byScenario: [String: GroupMetrics] = [:]
        var scenarios = Set<String>()
        for item in items { scenarios.insert(item.scenario) }
        for scenario in scenarios {
            byScenario[scenario] = group(items.filter { $0.scenario == scenario }, threshold: threshold)
        }
        return (group(items, threshold: threshold), byScenario)
    }
}
