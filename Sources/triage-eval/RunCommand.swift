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
            Exit 3 when provider errors remain after retries, or --max-cost stopped the run.
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
        let logger = DebugLogger.make(verbose: verbose, config: workspace.config)
        let preparer = RunPreparer(workspace: workspace, store: store, logger: verbose ? logger : nil)
        var plan: RunPlan
        var runID: Int64 = 0
        var skip: Set<ResultKey> = []
        if let resume {
            guard let recorded = try await store.run(resume) else { throw UsageError("no run \(resume) in \(workspace.display(store.path))") }
            plan = try await preparer.resumePlan(recorded)
            skip = try await store.answeredKeys(run: resume)
            runID = resume
        } else {
            let prepared = try await preparer.prepare(RunRequest(prompts: prompts, models: models, scenarios: scenarios, samples: samples))
            for warning in prepared.warnings { printError("warning: \(warning)") }
            plan = prepared.plan
        }
        if maxCost != nil, let unpriced = plan.models.first(where: { !$0.config.provider.isOffline && $0.config.price == nil }) {
            throw UsageError("--max-cost needs a price for every live model; \(unpriced.config.id) has none (add price: {input_per_mtok: …, output_per_mtok: …})")
        }
        if dryRun {
            let estimate = try await RunEstimator(store: store, plan: plan, runID: runID, skip: skip, useCache: !noCache).estimate()
            print(DryRunTable.render(estimate, maxCost: maxCost))
            if let economics = RuleEconomicsTable.render(plan) { print(economics) }
            return
        }
        if resume != nil {
            try await store.reopenRun(runID)
        } else {
            runID = try await store.createRun(
                toolVersion: TriageEvalCommand.version, gitCommit: GitInfo.commit(in: workspace.directory),
                selection: RunInfo.Selection(prompts: prompts, models: models, scenarios: scenarios), plan: plan.recorded, planned: plan.count
            )
        }

        let progress = ProgressLine(quiet: quiet)
        let executor = RunExecutor(
            store: store, plan: plan, runID: runID, useCache: !noCache, skip: skip, maxCostUSD: maxCost,
            logger: logger
        ) { [runID] event in
            switch event {
            case .progress(let snapshot):
                progress.update(snapshot)
            case .circuitOpened(let model, let reason):
                progress.clear()
                printError("model \(model) stopped after \(reason); its remaining evaluations are recorded as circuit_open errors. Fix the cause, then `triage-eval run --resume \(runID)`")
            case .budgetReached(let limit, let spent):
                progress.clear()
                printError(String(format: "--max-cost $%.4f reached ($%.4f spent or in flight): no further call starts", limit, spent))
            }
        }
        let outcome = try await executor.execute()
        progress.finish()
        let counters = outcome.counters
        let info = try await store.finishRun(runID, counters: counters)

        let analysis = try await RunLoader(store: store, defaults: workspace.config.decision).analysis(info, known: plan.cases)
        let written = try ReportWriter.write(analysis, formats: [.md, .json], to: workspace.reportsDirectory)
        if !quiet {
            let batched = outcome.requests == counters.calls ? "" : " in \(outcome.requests) requests"
            print(String(
                format: "run %lld: %d evaluations, %d calls\(batched), %d cached, %d errors, %d in / %d out tokens, $%.4f; executed in %.2fs (%.0f/s)",
                runID, info.planned, counters.calls, counters.cacheHits, info.errors, counters.inputTokens, counters.outputTokens, counters.costUSD,
                outcome.elapsed, outcome.elapsed > 0 ? Double(outcome.evaluated) / outcome.elapsed : 0
            ))
            print(SummaryTable.render(analysis))
            if let economics = RuleEconomicsTable.render(plan, analysis: analysis) { print(economics) }
            print("reports: \(written.filter { $0.contains("latest") }.map(workspace.display).joined(separator: ", "))")
        }
        if info.status != .complete {
            var causes = analysis.groups.flatMap(\.errors).reduce(into: [String: Int]()) { $0[$1.key, default: 0] += $1.value }
            let missing = info.planned - analysis.groups.reduce(0) { $0 + $1.results.count }
            if missing > 0 { causes["not_started", default: 0] += missing }
            let detail = causes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            printError("run \(runID) is incomplete: \(causes.values.reduce(0, +)) evaluations unanswered (\(detail)); finish it with `triage-eval run --resume \(runID)`")
            throw ExitCode(ExitStatus.incomplete)
        }
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
