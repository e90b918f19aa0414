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
    /// The cases, as lean views: a case is decoded only while a prompt renders it (``CaseChunk``).
    public var cases: [CaseRef]
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

    /// Plans the cases: each is decoded once, chunk by chunk (``CaseChunk``), asked which prompts judge it (a rule's
    /// execution over its documents, kept with its calls and row labels), and let go; only ``cases``' lean views stay.
    public init(prompts: [Prompt], models: [Model], cases: [CaseRef], samples: Int, decisionDefaults: AlertPolicy, store: Store) async throws {
        self.prompts = prompts
        self.models = models
        self.cases = cases
        self.samples = samples
        self.decisionDefaults = decisionDefaults
        var judged: [[Judged]] = Array(repeating: [], count: prompts.count)
        var executions: [[Int: RuleExecution]] = Array(repeating: [:], count: prompts.count)
        var calls: [[Int: [PromptCall]]] = Array(repeating: [:], count: prompts.count)
        var labels: [[Int: [RowLabel?]]] = Array(repeating: [:], count: prompts.count)
        // Per prompt, so the first of each list is the one the whole plan would meet first (prompt by prompt).
        var errors: [[(prompt: Int, caseID: String, error: EsqlError)]] = Array(repeating: [], count: prompts.count)
        var conflicts: [[RowLabelConflict]] = Array(repeating: [], count: prompts.count)
        var unmatched: [(caseID: String, entry: String)] = []
        for range in CaseChunk.ranges(of: cases) {
            let chunk = try await CaseChunk.load(range, of: cases, from: store)
            for caseIndex in range {
                let item = chunk[caseIndex]
                var executed = false
                var used: Set<Int> = []
                for (promptIndex, prompt) in prompts.enumerated() {
                    if prompt.version.rule != nil, item.documents != nil {
                        do {
                            // A case of another kind, or none of whose documents is in the rule's indices, is not this rule's case.
                            guard let execution = try prompt.version.execution(over: item) else { continue }
                            executions[promptIndex][caseIndex] = execution
                            let made = try prompt.version.calls(for: item)
                            guard !made.isEmpty else { continue }
                            judged[promptIndex].append(Judged(caseIndex: caseIndex, calls: made))
                            calls[promptIndex][caseIndex] = made
                            executed = true
                            if let entries = item.rowLabels {
                                labels[promptIndex][caseIndex] = made.map { call -> RowLabel? in
                                    guard let row = call.row else { return nil }
                                    do throws(RowLabelConflict) {
                                        let label = try item.rowLabel(for: row, key: call.key)
                                        if let label, let index = entries.firstIndex(of: label) { used.insert(index) }
                                        return label
                                    } catch {
                                        conflicts[promptIndex].append(error)
                                        return nil
                                    }
                                }
                            }
                        } catch {
                            errors[promptIndex].append((promptIndex, item.id, error))
                        }
                    } else if prompt.version.accepts(item) {
                        judged[promptIndex].append(Judged(caseIndex: caseIndex, calls: nil))
                    }
                }
                // Only cases some selected rule executed over: a run of other prompts says nothing about their rows.
                guard executed else { continue }
                for (index, entry) in (item.rowLabels ?? []).enumerated() where !used.contains(index) {
                    unmatched.append((item.id, "row_labels[\(index)] \(entry.description)"))
                }
            }
        }
        self.judged = judged
        self.executions = executions
        executionCalls = calls
        executionLabels = labels
        executionErrors = errors.flatMap { $0 }
        rowLabelConflicts = conflicts.flatMap { $0 }
        unmatchedRowLabels = unmatched
    }

    /// For each prompt, the indices of the cases it judges.
    public var casesByPrompt: [[Int]] { judged.map { $0.map(\.caseIndex) } }

    /// Every item of one model, in a stable order, produced as iterated (``Items``).
    public func items(model: Int) -> Items { Items(plan: self, model: model) }

    /// Number of evaluations in the whole plan.
    public var count: Int {
        let all = judged.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } * samples * models.count
        guard !variantsSkipped.isEmpty else { return all }
        let variantCalls = judged.reduce(0) { $0 + $1.reduce(0) { $0 + (cases[$1.caseIndex].isVariant ? $1.count : 0) } }
        return all - variantCalls * samples * variantsSkipped.count
    }

    /// The call an item makes: the execution row's prompt and row, or `decoded` (the item's case) rendered now (with
    /// its system part). A rule whose ES|QL fails on the case throws: the run records that as an error result.
    public func call(_ item: Item, decoded: TriageCase) throws(EsqlError) -> PromptCall {
        if let calls = executionCalls[item.prompt][item.caseIndex] { return calls[item.call] }
        let version = prompts[item.prompt].version
        let context = CaseContext(decoded)
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
