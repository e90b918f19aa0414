internal import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
public import Logging
public import TriageEval
public import TriageEvalReports
public import TriageEvalStore

/// One `run` from request to exit status: plans it (or rebuilds a recorded run for `--resume`), records it,
/// executes it, finishes its record, scores it, and says how it ended. The command only parses options,
/// shows progress and writes the reports.
public struct RunSession: Sendable {
    /// What the user asked for.
    public struct Options: Sendable {
        public var request: RunRequest
        /// `--resume RUN_ID`: finish this recorded run instead of planning a new one.
        public var resume: Int64?
        public var useCache: Bool
        public var maxCostUSD: Double?
        public var toolVersion: String
        public var gitCommit: String?
        /// How long a result write keeps being retried while another process holds the store (seconds).
        public var writePatience: Double
        /// `--batch-api`: models whose provider has a batch API send through it.
        public var batchAPI: Bool
        /// How provider batches are polled (and `--no-wait`).
        public var batchPolling: BatchPolling

        public init(
            request: RunRequest, resume: Int64? = nil, useCache: Bool = true, maxCostUSD: Double? = nil, toolVersion: String, gitCommit: String? = nil,
            writePatience: Double = 60, batchAPI: Bool = false, batchPolling: BatchPolling = BatchPolling()
        ) {
            self.writePatience = writePatience
            self.batchAPI = batchAPI
            self.batchPolling = batchPolling
            self.request = request
            self.resume = resume
            self.useCache = useCache
            self.maxCostUSD = maxCostUSD
            self.toolVersion = toolVersion
            self.gitCommit = gitCommit
        }
    }

    /// A planned run, before anything is sent.
    public struct Planned: Sendable {
        public var plan: RunPlan
        /// The recorded run being resumed, or nil for a new one.
        public var resumed: Int64?
        /// Items already answered in the resumed run: skipped.
        public var skip: Set<ResultKey>
        /// Worth showing before the run starts (e.g. a prompt edited without a new version).
        public var warnings: [String]
    }

    /// How the run ended.
    public struct Finished: Sendable {
        public var info: RunInfo
        public var outcome: RunOutcome
        public var analysis: RunAnalysis
        /// ``ExitStatus/ok`` when every planned evaluation is answered.
        public var exitStatus: ExitStatus
        /// Why the run is not complete and how to finish it, when it is not.
        public var problem: String?
    }

    public var workspace: Workspace
    public var store: Store
    public var options: Options
    /// Debug log (`--verbose`); also passed to live providers, which log every HTTP exchange (keys redacted).
    public var logger: Logger
    public var verbose: Bool

    public init(workspace: Workspace, store: Store, options: Options, logger: Logger, verbose: Bool = false) {
        self.workspace = workspace
        self.store = store
        self.options = options
        self.logger = logger
        self.verbose = verbose
    }

    /// Plans the run: imports the case files and checks every name (new run), or rebuilds the recorded plan.
    public func plan() async throws -> Planned {
        let preparer = RunPreparer(workspace: workspace, store: store, logger: verbose ? logger : nil)
        var planned: Planned
        if let resume = options.resume {
            guard let recorded = try await store.run(resume) else {
                throw InputError(file: "command line", field: "--resume", message: "no run \(resume) in \(workspace.display(store.path))")
            }
            planned = Planned(plan: try await preparer.resumePlan(recorded), resumed: resume, skip: try await store.answeredKeys(run: resume), warnings: [])
        } else {
            let prepared = try await preparer.prepare(options.request)
            planned = Planned(plan: prepared.plan, resumed: nil, skip: [], warnings: prepared.warnings)
        }
        // The case-set sync and planning freed most of what they read: give it back before executing.
        Heap.trim()
        if options.batchAPI {
            for model in planned.plan.models where !model.config.provider.isOffline && !model.config.provider.hasBatchAPI {
                planned.warnings.append("--batch-api: model \(model.config.id) (\(model.config.provider.rawValue)) has no batch API here; it sends one request per evaluation")
            }
        }
        if options.maxCostUSD != nil, let unpriced = planned.plan.models.first(where: { !$0.config.provider.isOffline && $0.config.price == nil }) {
            throw InputError(
                file: "command line", field: "--max-cost",
                message: "needs a price for every live model; \(unpriced.config.id) has none (add price: {input_per_mtok: …, output_per_mtok: …})"
            )
        }
        return planned
    }

    /// What the planned run would send and cost (`--dry-run`); sends nothing, stores no results.
    public func estimate(_ planned: Planned) async throws -> RunEstimate {
        try await RunEstimator(store: store, plan: planned.plan, runID: planned.resumed ?? 0, skip: planned.skip, useCache: options.useCache, batchAPI: options.batchAPI).estimate()
    }

    /// Records the run (or takes over the resumed one), executes it, finishes its record and scores it.
    ///
    /// The run's lease (``RunLease``) is held and renewed while it executes, so a second process resuming the
    /// same run is refused (``RunLeaseHeld``, exit 2). With `handleSignals`, Ctrl-C and SIGTERM stop it
    /// gracefully: answered results are stored, the run is marked `interrupted`, the status is 130 or 143.
    /// Throws ``ResultWriteFailure`` (exit 4) when answered results could not be written.
    public func execute(_ planned: consuming Planned, handleSignals: Bool = false, report: @escaping @Sendable (RunEvent) -> Void = { _ in }) async throws -> Finished {
        let runID: Int64
        if let resumed = planned.resumed {
            runID = resumed
        } else {
            let request = options.request
            runID = try await store.createRun(
                toolVersion: options.toolVersion, gitCommit: options.gitCommit,
                selection: RunInfo.Selection(prompts: request.prompts, models: request.models, scenarios: request.scenarios),
                plan: planned.plan.recorded, planned: planned.plan.count
            )
        }
        try await store.acquireRun(runID)
        let heartbeat = Task { [store] in
            while (try? await Task.sleep(for: .seconds(RunLease.heartbeatInterval))) != nil {
                // A missed beat (store briefly locked) is harmless: the lease goes stale only after several.
                _ = try? await store.renewLease(runID)
            }
        }
        defer { heartbeat.cancel() }

        // The plan and its executor end with the execution: a big run's planned cases are not held while it is scored.
        let outcome: RunOutcome, stopSignal: Int32?
        do {
            (outcome, stopSignal) = try await executeRecorded(consume planned, runID: runID, handleSignals: handleSignals, report: report)
        } catch {
            heartbeat.cancel()
            // Release the lease and mark the run stopped when the store lets us; the error says what to do.
            _ = try? await store.finishRun(runID, interrupted: true)
            throw error
        }
        heartbeat.cancel()
        let info = try await store.finishRun(runID, interrupted: outcome.interrupted)
        Heap.trim()
        let analysis = try await RunLoader(store: store, defaults: workspace.config.decision).analysis(info)
        if outcome.interrupted, info.status != .complete {
            let stored = analysis.groups.reduce(0) { $0 + $1.results.count }
            let byTerm = stopSignal == SIGTERM
            return Finished(
                info: info, outcome: outcome, analysis: analysis, exitStatus: byTerm ? .terminated : .interrupted,
                problem: "run \(runID) interrupted (\(byTerm ? "SIGTERM" : "Ctrl-C")): \(stored) of \(info.planned) evaluations stored; "
                    + (info.status == .submitted
                        ? "its provider batches keep running: collect them with `triage-eval collect \(runID)`"
                        : "finish it with `triage-eval run --resume \(runID)`")
            )
        }
        guard info.status != .complete else {
            return Finished(info: info, outcome: outcome, analysis: analysis, exitStatus: .ok, problem: nil)
        }
        if info.status == .submitted {
            let open = try await store.batches(run: runID).filter { $0.state != .collected }
            let waiting = open.reduce(0) { $0 + $1.items.count }
            return Finished(
                info: info, outcome: outcome, analysis: analysis, exitStatus: .incomplete,
                problem: "run \(runID) is submitted: \(Formatting.count(waiting, "evaluation")) wait in \(open.count) provider batch\(open.count == 1 ? "" : "es")"
                    + "; collect them with `triage-eval collect \(runID)`"
            )
        }
        var causes = analysis.groups.flatMap(\.errors).reduce(into: [String: Int]()) { $0[$1.key, default: 0] += $1.value }
        let missing = info.planned - analysis.groups.reduce(0) { $0 + $1.results.count }
        if missing > 0 { causes["not_started", default: 0] += missing }
        let detail = causes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return Finished(
            info: info, outcome: outcome, analysis: analysis, exitStatus: .incomplete,
            problem: "run \(runID) is incomplete: \(Formatting.count(causes.values.reduce(0, +), "evaluation")) unanswered (\(detail)); finish it with `triage-eval run --resume \(runID)`"
        )
    }

    /// Executes the recorded run `runID` as planned; returns how it ended and the stop signal received, if any.
    private func executeRecorded(
        _ planned: consuming Planned, runID: Int64, handleSignals: Bool, report: @escaping @Sendable (RunEvent) -> Void
    ) async throws -> (RunOutcome, Int32?) {
        let executor = RunExecutor(
            store: store, plan: planned.plan, runID: runID, useCache: options.useCache, skip: planned.skip, maxCostUSD: options.maxCostUSD,
            writePatience: options.writePatience, logger: logger, batchAPI: options.batchAPI, batchPolling: options.batchPolling, report: report
        )
        _ = consume planned
        let execution = Task { try await executor.execute() }
        let signals = handleSignals ? StopSignals { execution.cancel() } : nil
        defer { signals?.uninstall() }
        return (try await execution.value, signals?.received)
    }
}
