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
    public init(_ results: some Collection<StoredResult>, threshold: Double = 0.7) {
        // One pass over the results in place (a run's results are not copied).
        var answered = 0, strictFailures = 0, lenientFailures = 0, alertsLost = 0, falseAlarmsAvoided = 0, rightButUnparsed = 0
        var tp = 0, fp = 0, tn = 0, fn = 0
        for result in results where !result.evaluation.isError {
            let evaluation = result.evaluation
            answered += 1
            let strictFailed = (evaluation.strict?.status ?? .ok) != .ok
            if strictFailed { strictFailures += 1 }
            if (evaluation.lenient?.status ?? .ok) != .ok { lenientFailures += 1 }
            if evaluation.lenientAlert && !evaluation.alert {
                if result.label == .tp { alertsLost += 1 } else { falseAlarmsAvoided += 1 }
            }
            if strictFailed && evaluation.lenient?.status == .ok && evaluation.lenientAlert == (result.label == .tp) { rightButUnparsed += 1 }
            switch (result.label, evaluation.lenientAlert) {
            case (.tp, true): tp += 1
            case (.fp, true): fp += 1
            case (.fp, false): tn += 1
            case (.tp, false): fn += 1
            }
        }
        self.answered = answered
        self.strictFailures = strictFailures
        self.lenientFailures = lenientFailures
        self.alertsLost = alertsLost
        self.falseAlarmsAvoided = falseAlarmsAvoided
        self.rightButUnparsed = rightButUnparsed
        lenientAlert = AlertMetrics(threshold: threshold, tp: tp, fp: fp, tn: tn, fn: fn)
    }
}
