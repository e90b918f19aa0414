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
            to the store as it completes. Writes reports/latest.md, latest.json and latest.html and prints a summary.
            With --resume RUN_ID, finishes an interrupted run: answered results are kept, missing and errored ones redone.
            --batch-api sends through the providers' batch APIs and polls until the batches end (--no-wait: submit, \
            exit 3, and `triage-eval collect RUN_ID` later).
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

    @Option(name: .customLong("scenario"), help: ArgumentHelp("Only cases of this scenario, any letter case (repeatable).", valueName: "S"))
    var scenarios: [String] = []

    @Option(name: .customLong("case"), help: ArgumentHelp("Only this case id (repeatable).", valueName: "ID"))
    var caseIDs: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Only cases with this tag (repeatable).", valueName: "TAG"))
    var tags: [String] = []

    @Option(help: "Answers per case (repeats measure flip rate).")
    var samples: Int = 1

    @Option(help: ArgumentHelp("Also evaluate robustness variants of each case made by these transforms, comma-separated (`triage-eval variants --list`; default: the config's variants:).", valueName: "NAME,…"))
    var variants: String?

    @Option(help: ArgumentHelp("Seed of the variants' random choices (default: the config's variant_seed:, else 1).", valueName: "N"))
    var variantSeed: UInt64?

    @Option(help: ArgumentHelp("Evaluate only shard K of N (by a hash of each case id); `triage-eval merge` combines the shards' stores.", valueName: "K/N"))
    var shard: String?

    @Flag(help: "Call providers even when an answer is cached (fresh answers still refresh the cache).")
    var noCache = false

    @Option(help: ArgumentHelp("Finish an interrupted run.", valueName: "RUN_ID"))
    var resume: Int64?

    @Flag(help: "Print calls needed, cache hits, estimated tokens and cost; send nothing, store no results.")
    var dryRun = false

    @Option(help: ArgumentHelp("Start no call once spent plus in-flight estimates would exceed this (USD); the rest is left for --resume.", valueName: "USD"))
    var maxCost: Double?

    @Flag(help: "Send through the providers' batch APIs (OpenAI, Azure OpenAI global batch, Anthropic, Gemini): half price, hours of latency.")
    var batchAPI = false

    @OptionGroup var batch: BatchOptions

    @Flag(help: "No progress line and no summary table.")
    var quiet = false

    @Flag(help: "Debug log on standard error (requests, retries, circuit breaker); keys are redacted.")
    var verbose = false

    func validate() throws {
        if let problem = RunRequest.samplesProblem(samples) { throw ValidationError("--samples \(problem)") }
        if let maxCost, !(maxCost > 0 && maxCost.isFinite) { throw ValidationError("--max-cost must be a positive amount of USD") }
        if resume != nil, !(prompts.isEmpty && models.isEmpty && scenarios.isEmpty && caseIDs.isEmpty && tags.isEmpty && shard == nil) {
            throw ValidationError("--resume takes no --prompt, --model, --scenario, --case, --tag or --shard: it redoes the recorded run")
        }
        if let shard, case .failure(let error) = ShardSlice.parse(shard) { throw ValidationError("--shard: \(error.message)") }
        if resume != nil, variants != nil || variantSeed != nil { throw ValidationError("--resume takes no --variants or --variant-seed: the recorded run keeps its variants") }
        if let variants, variantNames(variants).isEmpty { throw ValidationError("--variants needs at least one transform name") }
    }

    /// `a, b,c` → `[a, b, c]`.
    func variantNames(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() async throws {
        let (workspace, store) = try global.open()
        let session = RunSession(
            workspace: workspace, store: store,
            options: RunSession.Options(
                request: RunRequest(prompts: prompts, models: models, scenarios: scenarios, caseIDs: caseIDs, tags: tags, samples: samples,
                    variants: variants.map(variantNames), variantSeed: variantSeed, shard: try shard.map { try ShardSlice.parse($0).get() }), resume: resume, useCache: !noCache,
                maxCostUSD: maxCost, toolVersion: TriageEvalCommand.version, gitCommit: GitInfo.commit(in: workspace.directory),
                batchAPI: batchAPI, batchPolling: batch.polling
            ),
            logger: DebugLogger.make(verbose: verbose, config: workspace.config), verbose: verbose
        )
        let planned = try await session.plan()
        for warning in planned.warnings { printError("warning: \(warning)") }
        if dryRun {
            print(DryRunTable.render(try await session.estimate(planned), maxCost: maxCost))
            if let economics = RuleEconomicsTable.render(.init(planned.plan)) { print(economics) }
            return
        }

        let shardName = planned.plan.shard.map { "shard \($0.slice)" }
        if let shard = planned.plan.shard, !quiet {
            printError("shard \(shard.slice): \(Formatting.count(planned.plan.cases.count, "case")) of \(shard.cases), \(Formatting.count(planned.plan.count, "evaluation"))")
        }
        let progress = ProgressLine(quiet: quiet, label: shardName)
        // The plan (every planned case) is handed over: the run lets it go before it scores its results.
        let economicsInput = RuleEconomicsTable.Input(planned.plan)
        let finished = try await session.execute(consume planned, handleSignals: true) { event in
            switch event {
            case .progress(let snapshot):
                progress.update(snapshot)
            case .circuitOpened(let model, let reason, let runID):
                progress.clear()
                printError("model \(model) stopped after \(reason); its remaining evaluations are recorded as circuit_open errors. Fix the cause, then `triage-eval run --resume \(runID)`")
            case .budgetReached(let limit, let spent, let inFlight):
                progress.clear()
                printError(String(format: "--max-cost $%.4f reached: $%.4f spent by this session, up to $%.4f in flight; no further call starts", limit, spent, inFlight))
            case .batch(let state):
                progress.clear()
                if !quiet { printError(BatchProgressLine.render(state)) }
            case .batchNote(let note):
                progress.clear()
                printError(note)
            }
        }
        progress.finish()
        let (info, outcome, counters) = (finished.info, finished.outcome, finished.outcome.counters)
        let isLatest = try await store.latestRun()?.id == info.id
        let written = try ReportWriter.write(finished.analysis, formats: [.md, .json, .html], to: workspace.reportsDirectory, isLatest: isLatest)
        if !quiet {
            let batched = outcome.requests == counters.calls ? ""
                : counters.calls == info.calls ? " in \(outcome.requests) requests" : " (this session: \(counters.calls) in \(outcome.requests) requests)"
            let rate = outcome.elapsed > 0 ? Double(outcome.evaluated) / outcome.elapsed : 0
            print(
                "run \(info.id)\(shardName.map { " (\($0))" } ?? ""): \(Formatting.count(info.planned, "evaluation")), \(Formatting.count(info.calls, "call"))\(batched), \(info.cacheHits) cached, "
                    + "\(Formatting.count(info.errors, "error")), \(info.inputTokens) in / \(info.outputTokens) out tokens, "
                    + String(format: "$%.4f; executed in %.2fs (%.0f/s)", info.costUSD, outcome.elapsed, rate)
            )
            if info.callsWithoutTokens > 0 { print("\(info.callsWithoutTokens) answers reported no token counts: their cost is unknown and not in the total") }
            if let maxCost { print(String(format: "--max-cost $%.4f: this session spent $%.4f", maxCost, outcome.spentUSD)) }
            print(SummaryTable.render(finished.analysis, htmlReport: written.first { $0.hasSuffix(".html") }.map(workspace.display)))
            if let economics = RuleEconomicsTable.render(economicsInput, analysis: finished.analysis) { print(economics) }
            if let loss = ContextLossText.table(finished.analysis.contextLoss) { print(loss) }
            print("reports: \(written.filter { !isLatest || $0.contains("latest") }.map(workspace.display).joined(separator: ", "))")
        }
        if let problem = finished.problem { printError(problem) }
        if finished.exitStatus != .ok { throw ExitCode(finished.exitStatus) }
    }
}
