public import TriageEval
public import TriageEvalStore

/// Loads a stored run and scores it for reports.
public struct RunLoader: Sendable {
    public var store: Store
    /// The config's default decision, for prompts that declare none.
    public var defaults: AlertPolicy

    public init(store: Store, defaults: AlertPolicy) {
        self.store = store
        self.defaults = defaults
    }

    /// The run with this id, or the latest run when `id` is nil.
    public func run(_ id: Int64?) async throws -> RunInfo {
        if let id {
            guard let run = try await store.run(id) else { throw InputError(file: "command line", field: "--run", message: "no run \(id) in \(store.path)") }
            return run
        }
        guard let run = try await store.latestRun() else {
            throw InputError(file: store.path, message: "no runs yet; start one with `triage-eval run`")
        }
        return run
    }

    /// The scored analysis of a run; thresholds come from each prompt's recorded decision.
    public func analysis(_ run: RunInfo) async throws -> RunAnalysis {
        let results = try await store.results(run: run.id)
        var thresholds: [String: Double] = [:]
        for row in run.plan.promptRows {
            if let stored = try await store.promptText(rowID: row),
                let prompt = try? StoredPromptParser.parse(text: stored.text, file: stored.file, id: stored.id, version: stored.version, defaults: defaults)
            {
                thresholds[prompt.key] = prompt.decision.minConfidence
            }
        }
        return RunAnalysis(run: run, results: results, thresholds: thresholds)
    }
}
