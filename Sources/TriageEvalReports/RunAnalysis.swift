public import TriageEval
public import TriageEvalStore

/// A run's results scored per prompt × model: the model every report format renders.
public struct RunAnalysis: Sendable {
    /// One prompt × model cell of the matrix.
    public struct Group: Sendable {
        public var prompt: String
        public var model: String
        /// The prompt's production threshold (`> min_confidence`).
        public var threshold: Double
        public var overall: GroupMetrics
        public var byScenario: [String: GroupMetrics]
        /// Provider errors after retries, by cause (first word of the message); not in the metrics.
        public var errors: [String: Int]
        /// Every result of the group, in case-id then sample order.
        public var results: [StoredResult]

        /// Alerts the lenient parse would raise on TP cases that the strict parse lost:
        /// the model was right but the format broke the rule.
        public var alertsLostToFormat: Int {
            results.count { $0.label == .tp && $0.evaluation.lenientAlert && !$0.evaluation.alert && !$0.evaluation.isError }
        }

        /// Results whose alert decision disagrees with the label.
        public var wrongDecisions: [StoredResult] {
            results.filter { !$0.evaluation.isError && $0.evaluation.alert != ($0.label == .tp) }
        }

        /// Answered results whose strict parse failed.
        public var parseFailures: [StoredResult] {
            results.filter { ($0.evaluation.strict?.status ?? .ok) != .ok }
        }

        public var errorCount: Int { errors.values.reduce(0, +) }

        /// Results of cases tagged `injection` whose alert decision is wrong.
        public var injectionMisses: (missed: Int, total: Int) {
            let injected = results.filter { $0.tags.contains("injection") && !$0.evaluation.isError }
            return (injected.count { $0.evaluation.alert != ($0.label == .tp) }, injected.count)
        }
    }

    public var run: RunInfo
    public var groups: [Group]

    /// Scores `results`. `thresholds` maps `id@version` to the prompt's `min_confidence` (default 0.7).
    public init(run: RunInfo, results: [StoredResult], thresholds: [String: Double]) {
        self.run = run
        var byGroup: [String: [StoredResult]] = [:]
        var order: [String] = []
        for result in results {
            let key = "\(result.prompt)\u{1F}\(result.model)"
            if byGroup[key] == nil { order.append(key) }
            byGroup[key, default: []].append(result)
        }
        groups = order.sorted().map { key in
            let results = byGroup[key] ?? []
            let prompt = results.first?.prompt ?? ""
            let threshold = thresholds[prompt] ?? 0.7
            let items = results.compactMap(Self.scoredItem)
            let (overall, byScenario) = MetricsCalculator.breakdown(items, threshold: threshold)
            var errors: [String: Int] = [:]
            for result in results {
                if let message = result.evaluation.error {
                    errors[String(message.prefix { $0 != ":" }), default: 0] += 1
                }
            }
            return Group(
                prompt: prompt, model: results.first?.model ?? "", threshold: threshold, overall: overall,
                byScenario: byScenario, errors: errors, results: results
            )
        }
    }

    /// The scoring view of a stored result; provider errors are not scored (they are counted apart).
    static func scoredItem(_ result: StoredResult) -> ScoredItem? {
        guard let strict = result.evaluation.strict, !result.evaluation.isError else { return nil }
        return ScoredItem(
            caseID: result.caseID, scenario: result.scenario, label: result.label, sample: result.key.sample,
            status: strict.status, verdict: strict.status == .ok ? strict.verdict : nil,
            confidence: strict.status == .ok ? strict.confidence : nil, alert: result.evaluation.alert
        )
    }
}
