import CommandSupport
import ArgumentParser
import Foundation
import TriageEval
import TriageEvalEngine
import TriageEvalReports
import TriageEvalStore

struct GateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Hold a run to the gate policy: exit 0 when every check passes, 1 when one fails, 2 for a bad policy.",
        discussion: """
            Fails safe: a run still running, or planned evaluations left unanswered (provider errors, never run) beyond \
            max_error_rate (default 0) fail; a run with no answer never passes; a check on an undefined metric (no \
            denominator) fails and says why. \
            Checks each selected prompt × model: min_precision, min_recall, max_fpr, max_parse_failure_rate, max_ece; \
            cases tagged must-alert / must-not-alert with zero tolerance (with repeats, `flaky: majority|all` decides over the \
            planned samples; an unanswered sample counts as wrong); \
            with --baseline, no significant regression (McNemar p < significance with the candidate worse) and \
            max_recall_drop; with variants (run --variants), max_attack_suppression and max_flip_rate, a number for every \
            transform together and each one or a mapping of all and transform names (a run without the variants fails them). The policy is the `gate:` block of triage-eval.yaml, or --policy FILE holding those keys \
            at its top level. Prints each check and writes the same as Markdown.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The run to gate (default: latest).", valueName: "ID"))
    var run: Int64?

    @Option(help: ArgumentHelp("Gate only this prompt version (repeatable).", valueName: "ID@V"))
    var prompt: [String] = []

    @Option(help: ArgumentHelp("Gate only this model (repeatable).", valueName: "M"))
    var model: [String] = []

    @Option(help: ArgumentHelp("Baseline: a run id, PROMPT@VERSION[/MODEL] (in the gated run) or RUN:PROMPT@VERSION/MODEL.", valueName: "SIDE"))
    var baseline: String?

    @Option(help: ArgumentHelp("A policy file (the keys of the gate: block at its top level).", valueName: "FILE"))
    var policy: String?

    @Option(help: ArgumentHelp("Where to write the Markdown (default: <reports>/gate-run-<id>.md).", valueName: "FILE"))
    var markdown: String?

    func run() async throws {
        let (workspace, store) = try global.open()
        let policy = try loadPolicy(workspace)
        let baselineSelector = try baseline.map { try GroupSelector(parsing: $0, field: "--baseline") }
        var analyses = AnalysisCache(loader: RunLoader(store: store, defaults: workspace.config.decision), defaultRun: run)
        let analysis = try await analyses.analysis(nil)
        let subjects = analysis.groups.filter { (prompt.isEmpty || prompt.contains($0.prompt)) && (model.isEmpty || model.contains($0.model)) }
        for name in prompt where !analysis.groups.contains(where: { $0.prompt == name }) {
            throw UsageError("run \(analysis.run.id) has no prompt \(name); it has \(Set(analysis.groups.map(\.prompt)).sorted().joined(separator: ", "))")
        }
        for name in model where !analysis.groups.contains(where: { $0.model == name }) {
            throw UsageError("run \(analysis.run.id) has no model \(name); it has \(Set(analysis.groups.map(\.model)).sorted().joined(separator: ", "))")
        }
        guard !subjects.isEmpty else { throw UsageError("nothing to gate in run \(analysis.run.id)") }
        var baselinePair: (selector: GroupSelector, analysis: RunAnalysis)?
        if let baselineSelector {
            baselinePair = (baselineSelector, try await analyses.analysis(baselineSelector.runID ?? analysis.run.id))
        }
        let report = try GateReport(analysis: analysis, subjects: subjects, baseline: baselinePair, policy: policy)
        print(report.text(), terminator: "")
        let path = markdown ?? "\(workspace.reportsDirectory)/gate-run-\(analysis.run.id).md"
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try report.markdown().write(toFile: path, atomically: true, encoding: .utf8)
        print(workspace.display(path))
        if !report.passed { throw ExitCode(ExitStatus.gateFailed) }
    }

    /// The policy file, or the config's `gate:` block.
    func loadPolicy(_ workspace: Workspace) throws -> GatePolicy {
        guard let policy else { return workspace.config.gate }
        guard let data = FileManager.default.contents(atPath: policy) else {
            throw InputError(file: policy, message: "cannot read the policy file")
        }
        return try ConfigParser.parseGatePolicy(String(decoding: data, as: UTF8.self), file: policy)
    }
}
