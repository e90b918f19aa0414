/// One prompt × model's answers scored as they arrive: its metrics overall and per scenario, its threshold sweep and
/// its confidence levels, all from counts and sums (``GroupMetrics/Tally``, ``ThresholdSweep/Tally``), never from the
/// answers held. A report's metrics are computed this way while the results are read from the store.
///
/// Answers of one case must arrive together (results are read by case, then sample): repeats are folded a case at a
/// time.
public struct GroupTally: Sendable {
    /// The decision the answers' alerts were made with.
    public let policy: AlertPolicy
    private let listsEveryRepeatCase: Bool
    private var all: GroupMetrics.Tally
    private var scenarios: [String: GroupMetrics.Tally] = [:]
    private var ranked: ThresholdSweep.Tally
    private var levels = ConfidenceLevelMetrics.Tally()

    /// `samples`: the answers planned per case; with more than one, every case is listed in the repeats (with one,
    /// only a case that repeats anyway).
    public init(policy: AlertPolicy, samples: Int) {
        self.policy = policy
        listsEveryRepeatCase = samples > 1
        all = GroupMetrics.Tally(repeats: RepeatsMetrics.Tally(listsEveryCase: listsEveryRepeatCase))
        ranked = ThresholdSweep.Tally(alertVerdicts: Set(policy.alertVerdicts), comparison: policy.comparison)
    }

    /// Counts one answer.
    public mutating func add(_ item: ScoredItem) {
        all.add(item)
        scenarios[item.scenario, default: GroupMetrics.Tally(repeats: RepeatsMetrics.Tally(listsEveryCase: listsEveryRepeatCase))].add(item)
        ranked.add(item)
        levels.add(item)
    }

    /// The metrics of every answer counted.
    public var overall: GroupMetrics { all.metrics(threshold: policy.minConfidence) }

    /// The metrics of each scenario's answers.
    public var byScenario: [String: GroupMetrics] { scenarios.mapValues { $0.metrics(threshold: policy.minConfidence) } }

    /// Alert metrics at every distinct confidence, with the operating points.
    public var sweep: ThresholdSweep { ranked.sweep(productionThreshold: policy.minConfidence) }

    /// Per level of a categorical confidence; `order` lists the levels from lowest to highest.
    public func confidenceLevels(order: [String]) -> ConfidenceLevelMetrics { levels.metrics(order: order) }
}
