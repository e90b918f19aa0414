import CommandSupport
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
            --dry-run prints the calls, cache hits, tokens and cost a run needs and sends nothing.
            Exit 3 when provider errors remain after retries, or --max-cost stopped the run; exit 2 when another live \
            process is executing the run to resume; exit 4 when answered results could not be stored; Ctrl-C or \
            SIGTERM stops sending, stores what was answered, marks the run interrupted and exits 130/143.
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

    @Flag(help: "Call providers even when an answer is cached (fresh answers still refresh the cache).")
    var noCache = false

    @Option(help: ArgumentHelp("Finish an interrupted run.", valueName: "RUN_ID"))
    var resume: Int64?

    @Flag(help: "Print calls needed, cache hits, estimated tokens and cost; send nothing, store no results.")
    var dryRun = false

    @Option(help: ArgumentHelp("Start no call once spent plus in-flight estimates would exceed this (USD); the rest is left for --resume.", valueName: "USD"))
    var maxCost: Double?

    @Flag(help: "No progress line and no summary table.")
    var quiet = false

    @Flag(help: "Debug log on standard error (requests, retries, circuit breaker); keys are redacted.")
    var verbose = false

    func validate() throws {
        guard samples >= 1 else { throw ValidationError("--samples must be at least 1") }
        if let maxCost, !(maxCost > 0) { throw ValidationError("--max-cost must be a positive amount of USD") }
        if resume != nil, !(prompts.isEmpty && models.isEmpty && scenarios.isEmpty) {
            throw ValidationError("--resume takes no --prompt, --model or --scenario: it redoes the recorded run")
        }
    }

    func run() async throws {
        let (workspace, store) = try global.open()
        let session = RunSession(
            workspace: workspace, store: store,
            options: RunSession.Options(
                request: RunRequest(prompts: prompts, models: models, scenarios: scenarios, samples: samples), resume: resume, useCache: !noCache,
                maxCostUSD: maxCost, toolVersion: TriageEvalCommand.version, gitCommit: GitInfo.commit(in: workspace.directory)
            ),
            logger: DebugLogger.make(verbose: verbose, config: workspace.config), verbose: verbose
        )
        let planned = try await session.plan()
        for warning in planned.warnings { printError("warning: \(warning)") }
        if dryRun {
            print(DryRunTable.render(try await session.estimate(planned), maxCost: maxCost))
            return
        }

        let progress = ProgressLine(quiet: quiet)
        let finished = try await session.execute(planned, handleSignals: true) { event in
            switch event {
            case .progress(let snapshot):
                progress.update(snapshot)
            case .circuitOpened(let model, let reason, let runID):
                progress.clear()
                printError("model \(model) stopped after \(reason); its remaining evaluations are recorded as circuit_open errors. Fix the cause, then `triage-eval run --resume \(runID)`")
            case .budgetReached(let limit, let spent):
                progress.clear()
                printError(String(format: "--max-cost $%.4f reached ($%.4f spent or in flight): no further call starts", limit, spent))
            }
        }
        progress.finish()
        let (info, outcome, counters) = (finished.info, finished.outcome, finished.outcome.counters)
        let written = try ReportWriter.write(finished.analysis, formats: [.md, .json], to: workspace.reportsDirectory)
        if !quiet {
            let batched = outcome.requests == counters.calls ? "" : " in \(outcome.requests) requests"
            print(String(
                format: "run %lld: %d evaluations, %d calls\(batched), %d cached, %d errors, %d in / %d out tokens, $%.4f; executed in %.2fs (%.0f/s)",
                info.id, info.planned, counters.calls, counters.cacheHits, info.errors, counters.inputTokens, counters.outputTokens, counters.costUSD,
                outcome.elapsed, outcome.elapsed > 0 ? Double(outcome.evaluated) / outcome.elapsed : 0
            ))
            print(SummaryTable.render(finished.analysis))
            print("reports: \(written.filter { $0.contains("latest") }.map(workspace.display).joined(separator: ", "))")
        }
        if let problem = finished.problem { printError(problem) }
        if finished.exitStatus != .ok { throw ExitCode(finished.exitStatus) }
    }
}
