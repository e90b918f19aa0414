public import TriageEval
internal import TriageEvalStore

/// A gate decision over the selected prompt × model groups of a run: every check, pass or fail.
public struct GateReport: Sendable {
    public var runID: Int64
    /// The baseline selector, when one was given.
    public var baseline: String?
    public var checks: [GateCheck]

    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// Evaluates `policy` on each of `subjects` (groups of `analysis`); with a baseline, each subject is
    /// compared with the group `baseline.selector` picks in `baseline.analysis` (missing parts taken from the subject).
    public init(
        analysis: RunAnalysis, subjects: [RunAnalysis.Group], baseline: (selector: GroupSelector, analysis: RunAnalysis)?,
        policy: GatePolicy, seed: UInt64 = PairedComparison.defaultSeed
    ) throws(InputError) {
        runID = analysis.run.id
        self.baseline = baseline.map { "\($0.selector.runID == nil ? "run \($0.analysis.run.id) " : "")\($0.selector)" }
        var checks: [GateCheck] = []
        for subject in subjects {
            var gateBaseline: GateBaseline?
            if let baseline {
                let group = try baseline.selector.resolve(in: baseline.analysis, hint: (subject.prompt, subject.model), field: "--baseline")
                let comparison = PairedComparison(base: group.items, candidate: subject.items, seed: seed)
                gateBaseline = GateBaseline(name: "run \(baseline.analysis.run.id) · \(group.name)", metrics: group.overall, comparison: comparison)
            }
            let gateSubject = GateSubject(name: subject.name, metrics: subject.overall, items: subject.items, tags: subject.tagsByCase)
            checks += GateEvaluator.evaluate(gateSubject, baseline: gateBaseline, policy: policy)
        }
        self.checks = checks
    }

    /// `0.963 ≥ 0.950`-style text of a check's value against its threshold.
    public static func valueText(_ check: GateCheck) -> String {
        switch check.kind {
        case .mustAlert, .mustNotAlert: return "\(Int(check.value ?? 0)) failing"
        case .significance: return check.value.map { "p = \(Formatting.pValue($0))" } ?? "—"
        default: return Formatting.metric(check.value)
        }
    }

    public static func thresholdText(_ check: GateCheck) -> String {
        switch check.kind {
        case .mustAlert, .mustNotAlert: return "= 0"
        case .significance: return "no worse with p < \(Formatting.threshold(check.threshold))"
        default: return "\(check.kind.comparison) \(Formatting.threshold(check.threshold))"
        }
    }

    /// One line per check, for the terminal.
    public func text() -> String {
        var out = "triage-eval gate · run \(runID)" + (baseline.map { " · baseline \($0)" } ?? "") + "\n"
        for check in checks {
            out += "\(check.passed ? "PASS" : "FAIL")  \(check.subject)  \(check.kind.rawValue): \(Self.valueText(check)) (\(Self.thresholdText(check)))"
            out += check.detail.isEmpty ? "\n" : "  — \(check.detail)\n"
        }
        out += passed ? "gate passed (\(checks.count) checks)\n" : "gate FAILED: \(checks.count { !$0.passed }) of \(checks.count) checks\n"
        return out
    }

    /// The same as Markdown, every data string escaped.
    public func markdown() -> String {
        var out = "## triage-eval gate: \(passed ? "passed" : "**FAILED**")\n\n"
        out += "Run \(runID)" + (baseline.map { " · baseline \(MarkdownText.escape($0))" } ?? "") + "\n\n"
        out += "| result | prompt × model | check | value | threshold | detail |\n|---|---|---|--:|---|---|\n"
        for check in checks {
            out += "| \(check.passed ? "PASS" : "**FAIL**") | \(MarkdownText.escape(check.subject)) | \(check.kind.rawValue) | "
            out += "\(MarkdownText.escape(Self.valueText(check))) | \(MarkdownText.escape(Self.thresholdText(check))) | \(MarkdownText.cell(check.detail, limit: 400)) |\n"
        }
        return out
    }
}
