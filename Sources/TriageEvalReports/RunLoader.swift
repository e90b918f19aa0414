internal import Foundation
public import TriageEval
public import TriageEvalStore

/// Loads a stored run and scores it for reports.
public struct RunLoader: Sendable {
    public var store: Store
    /// The config's default decision, used only for runs recorded before runs kept their own
    /// (``RunInfo/Plan/decisionDefaults``).
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

    /// The scored analysis of a run; each prompt's decision is the one the run recorded (its text re-parsed with
    /// the run's recorded defaults), prices come from the recorded model configs, and the case revisions are kept
    /// to show the exact text a model received. A recorded prompt that no longer parses is an error.
    /// - Parameter known: case revisions the caller already holds (e.g. the run's own plan), so they are not
    ///   decoded again; the others are read from the store.
    public func analysis(_ run: RunInfo, known: [StoredCase] = []) async throws -> RunAnalysis {
        let results = try await store.results(run: run.id)
        var policies: [String: AlertPolicy] = [:]
        var prompts: [String: PromptVersion] = [:]
        for row in run.plan.promptRows {
            guard let stored = try await store.promptText(rowID: row) else { throw StoreError("run \(run.id) refers to a missing prompt version (row \(row))") }
            var prompt = try stored.parse(defaults: run.plan.decisionDefaults ?? defaults, recordedBy: run.id)
            if let decision = run.plan.decision(promptRow: row) { prompt.decision = decision }
            policies[prompt.key] = prompt.decision
            prompts[prompt.key] = prompt
        }
        var prices: [String: ModelConfig.Price] = [:]
        var configs: [String: ModelConfig] = [:]
        let models = try await store.models(run.plan.modelRows)
        for model in models.values {
            prices[model.id] = model.price
            configs[model.id] = model
        }
        let notAskedAboutVariants = Set((run.plan.variantsSkippedBy ?? []).compactMap { models[$0]?.id })
        let planned = Set(run.plan.caseRevisions)
        var cases: [Int64: TriageCase] = [:]
        for stored in known where planned.contains(stored.revisionID) { cases[stored.revisionID] = stored.item }
        let missing = run.plan.caseRevisions.filter { cases[$0] == nil }
        // Decoding each case revision's JSON is most of loading a big run: read them in chunks, in parallel.
        let chunk = max(1000, (missing.count + ProcessInfo.processInfo.activeProcessorCount - 1) / max(1, ProcessInfo.processInfo.activeProcessorCount))
        try await withThrowingTaskGroup(of: [Int64: StoredCase].self) { group in
            for start in stride(from: 0, to: missing.count, by: chunk) {
                let revisions = Array(missing[start..<min(start + chunk, missing.count)])
                group.addTask { try await store.caseRevisions(revisions) }
            }
            for try await part in group {
                cases.merge(part.mapValues(\.item)) { first, _ in first }
            }
        }
        var analysis = RunAnalysis(
            run: run, results: results, policies: policies, prices: prices, prompts: prompts, cases: cases,
            batchAnswered: try await store.batchAnswered(run: run.id)
        )
        analysis.structuredOutputs = StructuredOutputComparison.pairs(analysis.groups, models: configs, prompts: prompts)
        // A replay model without recorded answers for the variants was not asked about them (``RunInfo/Plan/variantsSkippedBy``).
        for index in analysis.groups.indices where notAskedAboutVariants.contains(analysis.groups[index].model) {
            analysis.groups[index].variantPlanned = 0
        }
        if !analysis.robustness.isEmpty { analysis.robustness.notAsked = notAskedAboutVariants.sorted() }
        return analysis
    }
}
