/// Holds a prompt × model to a ``GatePolicy``: metric thresholds, zero-tolerance cases and, against a
/// baseline, no significant regression and a bounded recall drop. Pure: the CLI loads, this decides.
public enum GateEvaluator {
    /// Tag of cases that must alert on every gated run.
    public static let mustAlertTag = "must-alert"
    /// Tag of cases that must never alert.
    public static let mustNotAlertTag = "must-not-alert"

    /// Slack for comparing computed rates with thresholds written in decimal (0.1 + 0.2 ≠ 0.3).
    public static let tolerance = 1e-9

    /// Every check the policy asks for, in a fixed order. Absent metric keys are checks not made; the
    /// completeness check (`max_error_rate`, default 0) and the zero-tolerance checks are always made. A metric
    /// whose denominator is 0 is undefined: its check fails and says why.
    public static func evaluate(_ subject: GateSubject, baseline: GateBaseline? = nil, policy: GatePolicy) -> [GateCheck] {
        var checks: [GateCheck] = [completeness(subject, limit: policy.errorRateLimit)]
        let alert = subject.metrics.alert
        func atLeast(_ kind: GateCheck.Kind, _ value: Double?, _ limit: Double?, _ detail: String) {
            guard let limit else { return }
            let passed = value.map { $0 >= limit - tolerance } ?? false
            checks.append(GateCheck(kind: kind, subject: subject.name, value: value, threshold: limit, passed: passed, detail: detail))
        }
        func atMost(_ kind: GateCheck.Kind, _ value: Double?, _ limit: Double?, _ detail: String) {
            guard let limit else { return }
            let passed = value.map { $0 <= limit + tolerance } ?? false
            checks.append(GateCheck(kind: kind, subject: subject.name, value: value, threshold: limit, passed: passed, detail: detail))
        }
        atLeast(
            .minPrecision, alert.definedPrecision, policy.minPrecision,
            alert.definedPrecision == nil ? "undefined: no answer alerted (precision has no denominator)" : "TP \(alert.tp) of \(alert.tp + alert.fp) alerts"
        )
        atLeast(
            .minRecall, alert.definedRecall, policy.minRecall,
            alert.definedRecall == nil ? "undefined: no attack case answered (recall has no denominator)" : "TP \(alert.tp) of \(alert.tp + alert.fn) attacks"
        )
        atMost(
            .maxFPR, alert.definedFPR, policy.maxFPR,
            alert.definedFPR == nil ? "undefined: no benign case answered (FPR has no denominator)" : "FP \(alert.fp) of \(alert.fp + alert.tn) benign"
        )
        atMost(
            .maxParseFailureRate, subject.metrics.definedParseFailureRate, policy.maxParseFailureRate,
            subject.metrics.n == 0 ? "undefined: no answer (the rate has no denominator)" : "\(subject.metrics.parseFailures) of \(subject.metrics.n) answers"
        )
        let calibration = subject.metrics.calibration
        let undefinedECE = subject.scoreNote.map { "undefined: \($0)" } ?? "no answer with a confidence in [0, 1]"
        atMost(.maxECE, calibration.ece, policy.maxECE, calibration.ece == nil ? undefinedECE : "\(calibration.n) answers")
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

    /// Unanswered planned evaluations (provider errors and never run) against `max_error_rate`. A subject with no
    /// answer at all fails whatever the limit: an all-error run never passes.
    static func completeness(_ subject: GateSubject, limit: Double) -> GateCheck {
        let unanswered = subject.unanswered
        let rate = subject.planned == 0 ? nil : Double(unanswered) / Double(subject.planned)
        let passed = !subject.items.isEmpty && (rate.map { $0 <= limit + tolerance } ?? false)
        var detail: String
        if subject.planned == 0 {
            detail = "nothing planned: nothing to judge"
        } else {
            let neverRun = max(0, unanswered - subject.errors)
            detail = "\(unanswered) of \(subject.planned) planned evaluations unanswered (\(subject.errors) provider errors, \(neverRun) never run)"
            if subject.items.isEmpty {
                detail += "; no answer at all: the gate cannot pass"
            } else if !passed {
                detail += "; finish the run with `triage-eval run --resume`, or allow it with max_error_rate"
            }
        }
        return GateCheck(kind: .maxErrorRate, subject: subject.name, value: rate, threshold: limit, passed: passed, detail: detail)
    }

    /// A rate to 3 decimals, for details.
    static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }

    /// Cases tagged `tag` whose decision is not `expected`, under the flaky-case policy; passes at zero. Every
    /// planned sample counts: an unanswered one (provider error, never run) is a wrong one, so a tagged case with
    /// no answered sample fails.
    static func zeroTolerance(_ kind: GateCheck.Kind, subject: GateSubject, tag: String, expected: Bool, flaky: GatePolicy.FlakyPolicy) -> GateCheck {
        let tagged = subject.cases.filter { subject.tags[$0.caseID]?.contains(tag) == true }
        let failing = tagged.filter { $0.isWrong(flaky) }
        let verb = expected ? "did not alert" : "alerted"
        let names = failing.map { $0.answered.isEmpty ? "\($0.caseID) (no answered sample)" : $0.caseID }
        let detail = failing.isEmpty
            ? "\(tagged.count) \(tag) cases, all right (flaky: \(flaky.rawValue))"
            : "\(failing.count) of \(tagged.count) \(tag) cases \(verb) (flaky: \(flaky.rawValue)): \(names.joined(separator: ", "))"
        return GateCheck(kind: kind, subject: subject.name, value: Double(failing.count), threshold: 0, passed: failing.isEmpty, detail: detail)
    }
}
