public import TriageEval
public import TriageEvalStore

/// The strict (production) parse against the lenient one: what the rule loses to format failures alone.
public struct FormatLoss: Sendable, Hashable {
    /// Answered results.
    public var answered: Int
    /// Strict parse failures.
    public var strictFailures: Int
    /// Lenient parse failures.
    public var lenientFailures: Int
    /// TP answers the lenient parse alerts on and the strict parse does not: attacks production would miss
    /// although the model said so ("right verdict, broken format").
    public var alertsLost: Int
    /// FP answers the lenient parse alerts on and the strict parse does not (false alarms the format spared).
    public var falseAlarmsAvoided: Int
    /// Strict parse failures whose lenient decision matches the label.
    public var rightButUnparsed: Int
    /// The alert metrics if production parsed leniently.
    public var lenientAlert: AlertMetrics

    /// Compares the two decisions of every answered result.
    public init(_ results: [StoredResult], threshold: Double = 0.7) {
        let answered = results.filter { !$0.evaluation.isError }
        self.answered = answered.count
        strictFailures = answered.count { ($0.evaluation.strict?.status ?? .ok) != .ok }
        lenientFailures = answered.count { ($0.evaluation.lenient?.status ?? .ok) != .ok }
        alertsLost = answered.count { $0.label == .tp && $0.evaluation.lenientAlert && !$0.evaluation.alert }
        falseAlarmsAvoided = answered.count { $0.label == .fp && $0.evaluation.lenientAlert && !$0.evaluation.alert }
        rightButUnparsed = answered.count {
            ($0.evaluation.strict?.status ?? .ok) != .ok && $0.evaluation.lenient?.status == .ok && $0.evaluation.lenientAlert == ($0.label == .tp)
        }
        var tp = 0, fp = 0, tn = 0, fn = 0
        for result in answered {
            switch (result.label, result.evaluation.lenientAlert) {
            case (.tp, true): tp += 1
            case (.fp, true): fp += 1
            case (.fp, false): tn += 1
            case (.tp, false): fn += 1
            }
        }
        lenientAlert = AlertMetrics(threshold: threshold, tp: tp, fp: fp, tn: tn, fn: fn)
    }
}
