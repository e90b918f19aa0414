public import TriageEval
internal import TriageEvalStore

/// Per rule prompt run over case documents, and per model: what production's schedule would send, cut and
/// lose (``RuleEconomics``), beside the measured precision and recall. Rebuilt from the run's recorded prompts
/// and case revisions, so `report --run N` shows it too.
public struct RuleEconomicsReport: Sendable {
    /// One rule prompt × model.
    public struct Row: Sendable {
        public var prompt: String
        public var model: String
        public var economics: RuleEconomics
        /// Errors over the group's stored results; nil without results.
        public var errorRate: Double?
        /// Calls per day × the measured cost of an uncached call; nil when unknown (no price, no uncached call).
        public var costPerDay: Double?
        public var precision: Double?
        public var recall: Double?
        /// The share of executions one failed call would have lost at ``errorRate``.
        public var lostShare: Double? { errorRate.flatMap { economics.lostExecutionShare(errorRate: $0) } }
    }

    public var rows: [Row] = []

    /// No rule over documents.
    public init() {}

    public init(_ analysis: RunAnalysis) {
        for key in analysis.prompts.keys.sorted() {
            guard let version = analysis.prompts[key], let rule = version.rule else { continue }
            // The run's plan refused any case whose execution fails, so every planned case executes here. Robustness
            // variants are not production traffic: they are left out of what running the rule costs.
            let executions = analysis.run.plan.caseRevisions.compactMap { revision in
                analysis.cases[revision].flatMap { item in item.isVariant ? nil : (try? version.execution(over: item)) ?? nil }
            }
            guard !executions.isEmpty else { continue }
            let economics = RuleEconomics(executions: executions, intervalMillis: rule.rule.intervalMillis)
            for group in analysis.groups where group.prompt == key {
                let uncached = group.results.filter { !$0.evaluation.isError && !$0.evaluation.cached }.count
                let perCall = group.usage.costUSD.flatMap { cost in uncached > 0 ? cost / Double(uncached) : (cost == 0 ? 0 : nil) }
                rows.append(Row(
                    prompt: key, model: group.model, economics: economics,
                    errorRate: group.results.isEmpty ? nil : Double(group.errorCount) / Double(group.results.count),
                    costPerDay: economics.callsPerDay.flatMap { perDay in perCall.map { perDay * $0 } },
                    precision: group.overall.alert.definedPrecision, recall: group.overall.alert.definedRecall
                ))
            }
        }
    }
}
