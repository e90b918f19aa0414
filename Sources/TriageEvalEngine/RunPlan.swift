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

    /// One evaluation to perform.
    public struct Item: Sendable {
        public var prompt: Int
        public var model: Int
        public var caseIndex: Int
        public var sample: Int
    }

    public var prompts: [Prompt]
    public var models: [Model]
    public var cases: [StoredCase]
    public var samples: Int
    /// The config's `decision:` the prompts were parsed with (recorded with the run).
    public var decisionDefaults: AlertPolicy

    public init(prompts: [Prompt], models: [Model], cases: [StoredCase], samples: Int, decisionDefaults: AlertPolicy) {
        self.prompts = prompts
        self.models = models
        self.cases = cases
        self.samples = samples
        self.decisionDefaults = decisionDefaults
    }

    /// For each prompt, the indices of the cases it accepts.
    public var casesByPrompt: [[Int]] {
        prompts.map { prompt in cases.indices.filter { prompt.version.accepts(cases[$0].item) } }
    }

    /// Every item of one model, in a stable order.
    public func items(model: Int) -> [Item] {
        var items: [Item] = []
        for (promptIndex, caseIndices) in casesByPrompt.enumerated() {
            for caseIndex in caseIndices {
                for sample in 0..<samples {
                    items.append(Item(prompt: promptIndex, model: model, caseIndex: caseIndex, sample: sample))
                }
            }
        }
        return items
    }

    /// Number of evaluations in the whole plan.
    public var count: Int { casesByPrompt.reduce(0) { $0 + $1.count } * samples * models.count }

    /// The store key of an item within a run.
    public func key(_ item: Item, run: Int64) -> ResultKey {
        ResultKey(
            runID: run, promptRowID: prompts[item.prompt].rowID, modelRowID: models[item.model].rowID,
            caseRevisionID: cases[item.caseIndex].revisionID, sample: item.sample
        )
    }

    /// What is recorded with the run, for `--resume` and reports: the row ids, and each prompt's effective decision.
    public var recorded: RunInfo.Plan {
        RunInfo.Plan(
            promptRows: prompts.map(\.rowID), modelRows: models.map(\.rowID), caseRevisions: cases.map(\.revisionID), samples: samples,
            decisionDefaults: decisionDefaults,
            decisions: Dictionary(prompts.map { (String($0.rowID), $0.version.decision) }, uniquingKeysWith: { first, _ in first })
        )
    }
}
