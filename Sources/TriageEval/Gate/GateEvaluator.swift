/// Holds a prompt × model to a ``GatePolicy``: metric thresholds, zero-tolerance cases and, against a
/// baseline, no significant regression and a bounded recall drop. Pure: the CLI loads, this decides.
public enum GateEvaluator {
    /// Tag of cases that must alert on every gated run.
    public static let mustAlertTag = "must-alert"
    /// Tag of cases that must never alert.
    public static let mustNotAlertTag = "must-not-alert"

    /// Slack for comparing computed rates with thresholds written in decimal (0.1 + 0.2 ≠ 0.3).
    static let tolerance = 1e-9

    /// Every check the policy asks for, in a fixed order. Absent policy keys are checks not made;
    /// the zero-tolerance checks are always made.
    public static func evaluate(_ subject: GateSubject, baseline: GateBaseline? = nil, policy: GatePolicy) -> [GateCheck] {
        var checks: [GateCheck] = []
        let alert = subject.metrics.alert
        func atLeast(_ kind: GateCheck.Kind, _ value: Double, _ limit: Double?, _ detail: String) {
            guard let limit else { return }
            checks.append(GateCheck(kind: kind, subject: subject.name, value: value, threshold: limit, passed: value >= limit - tolerance, detail: detail))
        }
        func atMost(_ kind: GateCheck.Kind, _ value: Double?, _ limit: Double?, _ detail: String) {
            guard let limit else { return }
            let passed = value.map { $0 <= limit + tolerance } ?? false
            checks.append(GateCheck(kind: kind, subject: subject.name, value: value, threshold: limit, passed: passed, detail: detail))
        }
        atLeast(.minPrecision, alert.precision, policy.minPrecision, "TP \(alert.tp) of \(alert.tp + alert.fp) alerts")
        atLeast(.minRecall, alert.recall, policy.minRecall, "TP \(alert.tp) of \(alert.tp + alert.fn) attacks")
        atMost(.maxFPR, alert.fpr, policy.maxFPR, "FP \(alert.fp) of \(alert.fp + alert.tn) benign")
        atMost(
            .maxParseFailureRate, subject.metrics.parseFailureRate, policy.maxParseFailureRate,
            "\(subject.metrics.parseFailures) of \(subject.metrics.n) answers"
        )
        let calibration = subject.metrics.calibration
        atMost(.maxECE, calibration.ece, policy.maxECE, calibration.ece == nil ? "no answer with a confidence in [0, 1]" : "\(calibration.n) answers")
        checks.append(zeroTolerance(.mustAlert, subject: subject, tag: mustAlertTag, expected: true, flaky: policy.flaky))
        checks.append(zeroTolerance(.mustNotAlert, subject: subject, tag: mustNotAlertTag, expected: false, flaky: policy.flaky))
        guard let baseline else { return checks }
        let comparison = baseline.comparison
        if let significance = policy.significance {
            checks.append(
                GateCheck(
                    kind: .significance, subject: subject.name, value: comparison.pValue, threshold: significance,
                    passed: !comparison.isSignificantRegression(at: significance),
                    detail: "vs \(baseline.name): McNemar b=\(comparison.b) (baseline right, candidate wrong), c=\(comparison.c), \(comparison.paired) paired cases"
                )
            )
        }
        atMost(.maxRecallDrop, comparison.bootstrap.deltaRecall.map { -$0 }, policy.maxRecallDrop, recallDropDetail(comparison, baseline: baseline.name))
        return checks
    }

    /// The recall drop is measured on the attacks answered in both runs (sample 0), so cases added to or
    /// removed from the set never count as a drop; the bootstrap interval says how sure that figure is.
    static func recallDropDetail(_ comparison: PairedComparison, baseline: String) -> String {
        guard let delta = comparison.bootstrap.deltaRecall else {
            return "no attack case answered in both this run and \(baseline): nothing to compare"
        }
        var detail = "Δrecall \(rounded(delta)) on the \(comparison.pairedAttacks) attack cases answered in both runs vs \(baseline)"
        if let interval = comparison.bootstrap.deltaRecallCI95 {
            detail += ", 95 % bootstrap CI [\(rounded(interval.lower)), \(rounded(interval.upper))]"
        }
        if !comparison.onlyInBase.isEmpty || !comparison.onlyInCandidate.isEmpty {
            detail += "; not paired: \(comparison.onlyInBase.count) baseline-only, \(comparison.onlyInCandidate.count) run-only cases"
        }
        return detail
    }

    /// A rate to 3 decimals, for details.
    static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }

    /// Cases tagged `tag` whose decision is not `expected`, under the flaky-case policy; passes at zero.
    static func zeroTolerance(_ kind: GateCheck.Kind, subject: GateSubject, tag: String, expected: Bool, flaky: GatePolicy.FlakyPolicy) -> GateCheck {
        let tagged = subject.items.filter { subject.tags[$0.caseID]?.contains(tag) == true }
        let byCase = Dictionary(grouping: tagged, by: \.caseID)
        let failing = byCase.filter { _, samples in
            let right = samples.count { $0.alert == expected }
            switch flaky {
            case .majority: return 2 * right <= samples.count
            case .all: return right < samples.count
            }
        }.keys.sorted()
        let verb = expected ? "did not alert" : "alerted"
        let detail = failing.isEmpty
            ? "\(byCase.count) \(tag) cases, all right (flaky: \(flaky.rawValue))"
            : "\(failing.count) of \(byCase.count) \(tag) cases \(verb) (flaky: \(flaky.rawValue)): \(failing.joined(separator: ", "))"
        return GateCheck(kind: kind, subject: subject.name, value: Double(failing.count), threshold: 0, passed: failing.isEmpty, detail: detail)
    }
}
