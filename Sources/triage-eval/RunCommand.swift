import ArgumentParser
import Foundation
import TriageEval
import TriageEvalEngine
import TriageEvalReports
import TriageEvalStore

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate prompts × models × cases, store every result, and write reports.",
        discussion: """
            Imports the case files first (idempotent), then runs the matrix concurrently, writing each result \
            to the store as it completes. Writes reports/latest.md and reports/latest.json and prints a summary.
            With --resume RUN_ID, finishes an interrupted run: answered results are kept, missing and errored ones redone.
            Exit 3 when provider errors remain after retries.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("prompt"), help: ArgumentHelp("A prompt to evaluate, ID@VERSION or ID for all its versions (repeatable; default: all).", valueName: "ID@V"))
    var prompts: [String] = []

    @Option(name: .customLong("model"), help: ArgumentHelp("A configured model id (repeatable; default: all configured).", valueName: "ID"))
    var models: [String] = []

    @Option(name: .customLong("scenario"), help: ArgumentHelp("Only cases of this scenario (repeatable).", valueName: "S"))
    var scenarios: [String] = []

    @Option(help: "Answers per case (repeats measure flip rate).")
    var samples: Int = 1

    @Flag(help: "Call providers even when an answer is cached.")
    var noCache = false

    @Option(help: ArgumentHelp("Finish an interrupted run.", valueName: "RUN_ID"))
    var resume: Int64?

    @Flag(help: "No progress line and no summary table.")
    var quiet = false

    func validate() throws {
        guard samples >= 1 else { throw ValidationError("--samples must be at least 1") }
        if resume != nil, !(prompts.isEmpty && models.isEmpty && scenarios.isEmpty) {
            throw ValidationError("--resume takes no --prompt, --model or --scenario: it redoes the recorded run")
        }
    }

    func run() async throws {
        let (workspace, store) = try global.open()
        let preparer = RunPreparer(workspace: workspace, store: store)
        let plan: RunPlan
        let runID: Int64
        var skip: Set<ResultKey> = []
        if let resume {
            guard let recorded = try await store.run(resume) else { throw UsageError("no run \(resume) in \(workspace.display(store.path))") }
            plan = try await preparer.resumePlan(recorded)
            skip = try await store.answeredKeys(run: resume)
            try await store.reopenRun(resume)
            runID = resume
        } else {
            let prepared = try await preparer.prepare(RunRequest(prompts: prompts, models: models, scenarios: scenarios, samples: samples))
            for warning in prepared.warnings { printError("warning: \(warning)") }
            plan = prepared.plan
            runID = try await store.createRun(
                toolVersion: TriageEvalCommand.version, gitCommit: GitInfo.commit(in: workspace.directory),
                selection: RunInfo.Selection(prompts: prompts, models: models, scenarios: scenarios), plan: plan.recorded, planned: plan.count
            )
        }

        let progress = ProgressLine(quiet: quiet)
        let executor = RunExecutor(store: store, plan: plan, runID: runID, useCache: !noCache, skip: skip) { progress.update($0) }
        let counters = try await executor.execute()
        progress.finish()
        let info = try await store.finishRun(runID, counters: counters)

        let analysis = try await RunLoader(store: store, defaults: workspace.config.decision).analysis(info)
        let written = try ReportWriter.write(analysis, formats: [.md, .json], to: workspace.reportsDirectory)
        if !quiet {
            print("run \(runID): \(info.planned) evaluations, \(counters.calls) calls, \(counters.cacheHits) cached, \(info.errors) errors")
            print(SummaryTable.render(analysis))
            print("reports: \(written.filter { $0.contains("latest") }.map(workspace.display).joined(separator: ", "))")
        }
        if info.status != .complete {
            let causes = analysis.groups.flatMap(\.errors).reduce(into: [String: Int]()) { $0[$1.key, default: 0] += $1.value }
            let detail = causes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            printError("run \(runID) is incomplete: \(info.errors) errors (\(detail)); finish it with `triage-eval run --resume \(runID)`")
            throw ExitCode(ExitStatus.incomplete)
        }
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
