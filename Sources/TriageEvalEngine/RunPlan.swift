public import EsqlEngine
public import TriageEval
public import TriageEvalProviders
public import TriageEvalStore

/// The matrix a run evaluates: prompts × models × the cases each prompt accepts × samples.
public struct RunPlan: Sendable {
    /// A prompt version with its store row and parsers.
    public struct Prompt: Sendable {
        public var rowID: Int64
        public var version: PromptVersion
        public var evaluator: AnswerEvaluator
    }

    /// A configured model with its store row and provider.
    public struct Model: Sendable {
        public var rowID: Int64
        public var config: ModelConfig
        public var provider: any ModelProvider
    }

    /// One evaluation to perform: a model call of a prompt on a case (``call`` indexes the case's calls:
    /// the rows of a rule's execution over its documents, or its single call).
    public struct Item: Sendable {
        public var prompt: Int
        public var model: Int
        public var caseIndex: Int
        public var call: Int = 0
        public var sample: Int
    }

    /// A case a prompt judges, and its calls when they come from a rule's execution over documents
    /// (computed once; a single call of another case is rendered when its item is evaluated).
    public struct Judged: Sendable {
        public var caseIndex: Int
        public var calls: [PromptCall]?
        /// Number of calls: 1 for a single-call case.
        public var count: Int { calls?.count ?? 1 }
    }

    public var prompts: [Prompt]
    public var models: [Model]
    public var cases: [StoredCase]
    public var samples: Int
    /// The config's `decision:` the prompts were parsed with (recorded with the run).
    public var decisionDefaults: AlertPolicy
    /// A sharded run's slice (``cases`` holds only its cases) and the case set it was cut from.
    public var shard: RunInfo.Shard?
    /// Models (indices into ``models``) not asked about robustness variants: a replay model with no recorded
    /// answers for them would only produce `missing_answer` errors.
    public var variantsSkipped: Set<Int> = []
    /// For each prompt, the cases it judges.
    public let judged: [[Judged]]
    /// For each prompt, its rule's executions over the case documents in its indices (case index → execution).
    public let executions: [[Int: RuleExecution]]
    /// Cases whose rule execution failed (an ES|QL error): prompt index, case id, error.
    public let executionErrors: [(prompt: Int, caseID: String, error: EsqlError)]
    let executionCalls: [[Int: [PromptCall]]]
    /// For each prompt, case index → each call's `row_labels` entry (nil: the case's label).
    let executionLabels: [[Int: [RowLabel?]]]
    /// A row matched by two `row_labels` entries of its case (the run refuses to start).
    public let rowLabelConflicts: [RowLabelConflict]
    /// `row_labels` entries of a case that matched no row of any selected rule's execution over it: case id, entry.
    public let unmatchedRowLabels: [(caseID: String, entry: String)]

    public init(prompts: [Prompt], models: [Model], cases: [StoredCase], samples: Int, decisionDefaults: AlertPolicy) {
        self.prompts = prompts
        self.models = models
        self.cases = cases
        self.samples = samples
        self.decisionDefaults = decisionDefaults
        var judged: [[Judged]] = []
        var executions: [[Int: RuleExecution]] = []
        var errors: [(prompt: Int, caseID: String, error: EsqlError)] = []
        for (promptIndex, prompt) in prompts.enumerated() {
            var accepted: [Judged] = []
            var ran: [Int: RuleExecution] = [:]
            for (caseIndex, stored) in cases.enumerated() {
                if prompt.version.rule != nil, stored.item.documents != nil {
                    do {
                        // A case of another kind, or none of whose documents is in the rule's indices, is not this rule's case.
                        guard let execution = try prompt.version.execution(over: stored.item) else { continue }
                        ran[caseIndex] = execution
                        let calls = try prompt.version.calls(for: stored.item)
                        if !calls.isEmpty { accepted.append(Judged(caseIndex: caseIndex, calls: calls)) }
                    } catch {
                        errors.append((promptIndex, stored.item.id, error))
                    }
                } else if prompt.version.accepts(stored.item) {
                    accepted.append(Judged(caseIndex: caseIndex, calls: nil))
                }
            }
            judged.append(accepted)
            executions.append(ran)
        }
        self.judged = judged
        self.executions = executions
        executionCalls = judged.map { entries in
            var byCase: [Int: [PromptCall]] = [:]
            for entry in entries { if let calls = entry.calls { byCase[entry.caseIndex] = calls } }
            return byCase
        }
        self.executionErrors = errors
        var conflicts: [RowLabelConflict] = []
        var used: [Int: Set<Int>] = [:]
        var labels: [[Int: [RowLabel?]]] = []
        for byCase in executionCalls {
            var labeled: [Int: [RowLabel?]] = [:]
            for (caseIndex, calls) in byCase.sorted(by: { $0.key < $1.key }) {
                let item = cases[caseIndex].item
                guard let entries = item.rowLabels else { continue }
                labeled[caseIndex] = calls.map { call -> RowLabel? in
                    guard let row = call.row else { return nil }
                    do throws(RowLabelConflict) {
                        let label = try item.rowLabel(for: row, key: call.key)
                        if let label, let index = entries.firstIndex(of: label) { used[caseIndex, default: []].insert(index) }
                        return label
                    } catch {
                        conflicts.append(error)
                        return nil
                    }
                }
            }
            labels.append(labeled)
        }
        self.executionLabels = labels
        rowLabelConflicts = conflicts
        // Only cases some selected rule executed over: a run of other prompts says nothing about their rows.
        let executed = Set(executionCalls.flatMap(\.keys))
        unmatchedRowLabels = cases.indices.filter(executed.contains).flatMap { caseIndex in
            let item = cases[caseIndex].item
            return (item.rowLabels ?? []).enumerated().compactMap { index, entry in
                used[caseIndex]?.contains(index) == true ? nil : (item.id, "row_labels[\(index)] \(entry.description)")
            }
        }
    }

    /// For each prompt, the indices of the cases it judges.
    public var casesByPrompt: [[Int]] { judged.map { $0.map(\.caseIndex) } }

    /// Every item of one model, in a stable order.
    public func items(model: Int) -> [Item] {
        var items: [Item] = []
        let skipsVariants = variantsSkipped.contains(model)
        for (promptIndex, accepted) in judged.enumerated() {
            for entry in accepted where !(skipsVariants && cases[entry.caseIndex].item.variantOf != nil) {
                for call in 0..<entry.count {
                    for sample in 0..<samples {
                        items.append(Item(prompt: promptIndex, model: model, caseIndex: entry.caseIndex, call: call, sample: sample))
                    }
                }
            }
        }
        return items
    }

    /// Number of evaluations in the whole plan.
    public var count: Int {
        let all = judged.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } * samples * models.count
        guard !variantsSkipped.isEmpty else { return all }
        let variantCalls = judged.reduce(0) { $0 + $1.reduce(0) { $0 + (cases[$1.caseIndex].item.variantOf != nil ? $1.count : 0) } }
        return all - variantCalls * samples * variantsSkipped.count
    }

    /// The call an item makes: the execution row's prompt and row, or the case rendered now (with its system
    /// part). A rule whose ES|QL fails on the case throws: the run records that as an error result.
    public func call(_ item: Item) throws(EsqlError) -> PromptCall {
        if let calls = executionCalls[item.prompt][item.caseIndex] { return calls[item.call] }
        let version = prompts[item.prompt].version
        let context = CaseContext(cases[item.caseIndex].item)
        return PromptCall(key: "", text: try version.render(context), row: nil, system: try version.renderSystem(context))
    }

    /// The result row key of an item: its execution row's `BY` key, "" for a single call.
    public func rowKey(_ item: Item) -> String {
        executionCalls[item.prompt][item.caseIndex]?[item.call].key ?? ""
    }

    /// The `row_labels` entry labeling an item's row; nil: the case's label applies.
    public func rowLabel(_ item: Item) -> RowLabel? {
        executionLabels[item.prompt][item.caseIndex]?[item.call]
    }

    /// The store key of an item within a run (with its row's own label, when a `row_labels` entry gives one).
    public func key(_ item: Item, run: Int64) -> ResultKey {
        let rowLabel = rowLabel(item)
        return ResultKey(
            runID: run, promptRowID: prompts[item.prompt].rowID, modelRowID: models[item.model].rowID,
            caseRevisionID: cases[item.caseIndex].revisionID, sample: item.sample, row: rowKey(item),
            label: rowLabel?.label, scenario: rowLabel?.scenario
        )
    }

    /// What is recorded with the run, for `--resume` and reports: the row ids, and each prompt's effective decision.
    public var recorded: RunInfo.Plan {
        RunInfo.Plan(
            promptRows: prompts.map(\.rowID), modelRows: models.map(\.rowID), caseRevisions: cases.map(\.revisionID), samples: samples,
            decisionDefaults: decisionDefaults,
            decisions: Dictionary(prompts.map { (String($0.rowID), $0.version.decision) }, uniquingKeysWith: { first, _ in first }),
            shard: shard, variantsSkippedBy: variantsSkipped.isEmpty ? nil : variantsSkipped.sorted().map { models[$0].rowID }
        )
    }
}
