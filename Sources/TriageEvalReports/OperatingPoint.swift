internal import TriageEval

/// A named point of a threshold sweep as reports show it; `metrics` is nil when its target is unreachable.
struct OperatingPoint {
    var name: String
    var metrics: AlertMetrics?
    /// What to say instead of a row when the target cannot be reached.
    var unreachable: String

    /// Production, best F1 and recall-first (which says so when no threshold reaches its recall target).
    static func all(_ sweep: ThresholdSweep) -> [OperatingPoint] {
        let best = sweep.highestRecall
        let unreachable = "unreachable: no threshold reaches recall \(Formatting.threshold(sweep.recallTarget)) "
            + "(highest \(Formatting.metric(best.definedRecall)) at \(sweep.comparison.rawValue) \(Formatting.threshold(best.threshold)))"
        return [
            OperatingPoint(name: "production", metrics: sweep.production, unreachable: ""),
            OperatingPoint(name: "best F1", metrics: sweep.bestF1, unreachable: ""),
            OperatingPoint(name: "recall-first (≥ \(Formatting.threshold(sweep.recallTarget)))", metrics: sweep.recallFirst, unreachable: unreachable),
        ]
    }
}
