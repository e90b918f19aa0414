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
        var checks: [GateCheck] = [Self.runCheck(analysis)]
        for subject in subjects {
            var gateBaseline: GateBaseline?
            if let baseline {
                let group = try baseline.selector.resolve(in: baseline.analysis, hint: (subject.prompt, subject.model), field: "--baseline")
                let comparison = PairedComparison(base: group.items, candidate: subject.items, seed: seed)
                gateBaseline = GateBaseline(name: "run \(baseline.analysis.run.id) · \(group.name)", metrics: group.overall, comparison: comparison)
            }
            checks += GateEvaluator.evaluate(subject.gateSubject, baseline: gateBaseline, policy: policy)
            checks += RobustnessGate.evaluate(analysis.robustness.gateSubject(prompt: subject.prompt, model: subject.model, name: subject.name), policy: policy)
        }
        self.checks = checks
    }

    /// The run as a whole: finished (not still `running`, which also means a process that died, nor `submitted` with
    /// provider batches not collected), and every
    /// planned evaluation belonging to a prompt × model that has results (a pair with none at all is invisible
    /// to the per-group checks, so it fails here).
    static func runCheck(_ analysis: RunAnalysis) -> GateCheck {
        let run = analysis.run
        let accounted = analysis.groups.reduce(0) { $0 + $1.planned + $1.variantPlanned }
        let invisible = max(0, run.planned - accounted)
        var problems: [String] = []
        if run.status == .running { problems.append("run \(run.id) is still running, or its process died; finish it with `triage-eval run --resume \(run.id)`") }
        if run.status == .submitted { problems.append("run \(run.id) has provider batches not collected yet; collect them with `triage-eval collect \(run.id)`") }
        if invisible > 0 { problems.append("\(invisible) of \(run.planned) planned evaluations belong to prompt × model pairs with no result at all") }
        return GateCheck(
            kind: .runComplete, subject: "run \(run.id)", value: Double(problems.count), threshold: 0, passed: problems.isEmpty,
            detail: problems.isEmpty ? "status \(run.status.rawValue), \(run.planned) planned evaluations" : problems.joined(separator: "; ")
        )
    }

    /// `0.963`-style text of a check's value: enough decimals that a failing value never reads as meeting its bound.
    public static func valueText(_ check: GateCheck) -> String {
        switch check.kind {
        case .mustAlert, .mustNotAlert: return "\(Int(check.value ?? 0)) failing"
        case .runComplete: return check.passed ? "complete" : "not complete"
        case .significance: return check.value.map { "p = \(Formatting.pValue($0))" } ?? Formatting.undefined
        case .minPrecision, .minRecall:
            return Formatting.bounded(check.value, passed: check.passed) { $0 >= check.threshold - GateEvaluator.tolerance }
        case .maxFPR, .maxParseFailureRate, .maxECE, .maxRecallDrop, .maxErrorRate, .maxAttackSuppression, .maxFlipRate:
            return Formatting.bounded(check.value, passed: check.passed) { $0 <= check.threshold + GateEvaluator.tolerance }
        }
    }

    public static func thresholdText(_ check: GateCheck) -> String {
        switch check.kind {
        case .mustAlert, .mustNotAlert, .runComplete: return "= 0"
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
