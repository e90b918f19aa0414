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
    public static func breakdown<Items: Collection<ScoredItem>>(_ items: Items, threshold: Double) -> (overall: GroupMetrics, byScenario: [String: GroupMetrics]) {
        // Each answer's position filed under its scenario in one pass, then one scenario's answers at a time: a big
        // group is never copied whole into per-scenario arrays, nor read once per scenario.
        var positions: [String: [Items.Index]] = [:]
        for position in items.indices { positions[items[position].scenario, default: []].append(position) }
        var byScenario: [String: GroupMetrics] = [:]
        for (scenario, members) in positions {
            byScenario[scenario] = group(members.map { items[$0] }, threshold: threshold)
        }
        return (group(items, threshold: threshold), byScenario)
    }
}
