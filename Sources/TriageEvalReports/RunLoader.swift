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

    /// Case revisions decoded at once by each of the analysis's parallel reads.
    static let decodeSlice = 256

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
    /// the run's recorded defaults), prices come from the recorded model configs.
    ///
    /// The analysis is lean: results are read without their raw answers and summaries, and planned cases as lean views
    /// (``CaseRef``); what a report lists is read on demand (``RunDetails``). Whole cases are decoded only where
    /// reports read them whole (cases with documents, robustness variants and their bases) or to learn whether a prompt
    /// judges a planned case it has no result for. A recorded prompt that no longer parses is an error.
    public func analysis(_ run: RunInfo) async throws -> RunAnalysis {
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
        let empty = GroupedResults(policies: policies, samples: max(run.plan.samples, 1), expected: try await store.resultCounts(run: run.id))
        let grouped = try await store.reduceResults(run: run.id, lean: true, into: empty) { $0.add($1) }
        // A prompt judges every planned case it has a result for; the others are decoded to ask it.
        var accepted = grouped.answeredByPrompt
        let unanswered = run.plan.caseRevisions.filter { revision in prompts.keys.contains { accepted[$0]?.contains(revision) != true } }
        let withDocuments = try await store.revisionsWithDocuments(run.plan.caseRevisions)
        // Lean views of the cases results do not describe; all of them where robustness or secondary outputs read them.
        let readsEveryCase = !grouped.variantsByGroup.isEmpty || prompts.values.contains { $0.output.declared?.secondary.isEmpty == false }
        var caseRefs = try await store.caseRefsByRevision(readsEveryCase ? run.plan.caseRevisions : unanswered + withDocuments.sorted())
        if !readsEveryCase, caseRefs.values.contains(where: { $0.variantID != nil }) {
            caseRefs = try await store.caseRefsByRevision(run.plan.caseRevisions)
        }
        let variantBases = Set(caseRefs.values.compactMap { $0.variantID?.base })
        let heldWhole: @Sendable (CaseRef) -> Bool = { ref in
            ref.hasDocuments || ref.variantID != nil || variantBases.contains(ref.id)
        }
        let unansweredSet = Set(unanswered)
        let decode = run.plan.caseRevisions.filter { revision in
            guard let ref = caseRefs[revision] else { return false }
            return heldWhole(ref) || unansweredSet.contains(revision)
        }
        var cases: [Int64: TriageCase] = [:]
        // Decoding case revisions is most of what this costs when there are many: chunks, in parallel, each kept
        // only as long as asking the prompts needs it unless reports read it whole.
        let chunk = max(500, (decode.count + ProcessInfo.processInfo.activeProcessorCount - 1) / max(1, ProcessInfo.processInfo.activeProcessorCount))
        try await withThrowingTaskGroup(of: ([Int64: TriageCase], [String: Set<Int64>]).self) { group in
            for start in stride(from: 0, to: decode.count, by: chunk) {
                let revisions = Array(decode[start..<min(start + chunk, decode.count)])
                group.addTask { [accepted, prompts, caseRefs] in
                    var held: [Int64: TriageCase] = [:]
                    var judged: [String: Set<Int64>] = [:]
                    // Read in slices: an interrupted big run has tens of thousands of unanswered cases per task, and
                    // a slice's decoded cases go as soon as the prompts have been asked.
                    for sliceStart in stride(from: 0, to: revisions.count, by: Self.decodeSlice) {
                        let slice = Array(revisions[sliceStart..<min(sliceStart + Self.decodeSlice, revisions.count)])
                        let decoded = try await store.caseRevisions(slice)
                        store.instrumentation.holdCases(decoded.count)
                        defer { store.instrumentation.releaseCases(decoded.count) }
                        for (revision, stored) in decoded {
                            for (key, version) in prompts where accepted[key]?.contains(revision) != true && version.accepts(stored.item) {
                                judged[key, default: []].insert(revision)
                            }
                            if caseRefs[revision].map(heldWhole) == true { held[revision] = stored.item }
                        }
                    }
                    return (held, judged)
                }
            }
            var judged: [String: Set<Int64>] = [:]
            for try await (held, more) in group {
                cases.merge(held) { first, _ in first }
                judged.merge(more) { $0.union($1) }
            }
            accepted.merge(judged) { $0.union($1) }
        }
        var analysis = RunAnalysis(
            run: run, grouped: grouped, policies: policies, prices: prices, prompts: prompts, cases: cases,
            batchAnswered: try await store.batchAnswered(run: run.id), caseRefs: caseRefs, accepted: accepted, details: RunDetails(store: store, planned: run.plan.caseRevisions)
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
