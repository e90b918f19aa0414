public import Foundation
public import TriageEval

/// A run as recorded: what was asked for, which versions were used, and what it cost.
public struct RunInfo: Sendable, Hashable, Codable {
    /// What the run was restricted to (empty = everything).
    public struct Selection: Sendable, Hashable, Codable {
        public var prompts: [String]
        public var models: [String]
        public var scenarios: [String]

        public init(prompts: [String] = [], models: [String] = [], scenarios: [String] = []) {
            self.prompts = prompts
            self.models = models
            self.scenarios = scenarios
        }
    }

    /// Exactly what the run evaluates, by stored row ids, so `--resume` redoes the same matrix
    /// even after the files have changed.
    public struct Plan: Sendable, Hashable, Codable {
        public var promptRows: [Int64]
        public var modelRows: [Int64]
        /// Case revision ids the run judges; each prompt takes the cases it accepts (host or user).
        public var caseRevisions: [Int64]
        public var samples: Int
        /// The config's `decision:` the run's prompts were parsed with (nil for runs recorded before it was kept).
        public var decisionDefaults: AlertPolicy?
        /// The effective decision of each prompt version (verdicts, threshold, case folding), by prompt row id
        /// (as text); reports and `--resume` use it, never today's config.
        public var decisions: [String: AlertPolicy]?
        /// A sharded run (`run --shard K/N`): its slice and the case set it was cut from; ``caseRevisions`` holds the slice.
        public var shard: Shard?
        /// A run `merge` combined from this many shards (nil for a run executed as one).
        public var mergedShards: Int?
        /// Model rows not asked about the run's robustness variants: replay models with no recorded answers for
        /// them (nil or empty: every model is asked).
        public var variantsSkippedBy: [Int64]?

        public init(
            promptRows: [Int64], modelRows: [Int64], caseRevisions: [Int64], samples: Int, decisionDefaults: AlertPolicy? = nil,
            decisions: [String: AlertPolicy]? = nil, shard: Shard? = nil, mergedShards: Int? = nil, variantsSkippedBy: [Int64]? = nil
        ) {
            self.variantsSkippedBy = variantsSkippedBy
            self.shard = shard
            self.mergedShards = mergedShards
            self.promptRows = promptRows
            self.modelRows = modelRows
            self.caseRevisions = caseRevisions
            self.samples = samples
            self.decisionDefaults = decisionDefaults
            self.decisions = decisions
        }

        /// The recorded decision of a prompt row, if the run recorded one.
        public func decision(promptRow: Int64) -> AlertPolicy? { decisions?[String(promptRow)] }

        enum CodingKeys: String, CodingKey {
            case samples, decisions, shard
            case mergedShards = "merged_shards"
            case variantsSkippedBy = "variants_skipped_by"
            case promptRows = "prompt_rows"
            case modelRows = "model_rows"
            case caseRevisions = "case_revisions"
            case decisionDefaults = "decision_defaults"
        }
    }

    public enum Status: String, Sendable, Hashable, Codable {
        case running
        /// Every planned evaluation has an answer.
        case complete
        /// Some evaluations are missing or errored; `run --resume` finishes it.
        case incomplete
        /// Stopped by Ctrl-C or SIGTERM, or its process died (its lease went stale); `run --resume` finishes it.
        case interrupted
        /// Some evaluations wait in a provider batch (``ProviderBatch``); `triage-eval collect` finishes it.
        case submitted
    }

    public var id: Int64
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: Status
    public var toolVersion: String
    public var gitCommit: String?
    public var samples: Int
    public var selection: Selection
    public var plan: Plan
    public var planned: Int
    public var calls: Int
    public var cacheHits: Int
    public var errors: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double
    /// Answers from live models that reported no token counts: their cost is unknown (not in ``costUSD``).
    public var callsWithoutTokens: Int

    public init(
        id: Int64, startedAt: Date, finishedAt: Date?, status: Status, toolVersion: String, gitCommit: String?, samples: Int,
        selection: Selection, plan: Plan, planned: Int, calls: Int, cacheHits: Int, errors: Int, inputTokens: Int, outputTokens: Int,
        costUSD: Double, callsWithoutTokens: Int = 0
    ) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.toolVersion = toolVersion
        self.gitCommit = gitCommit
        self.samples = samples
        self.selection = selection
        self.plan = plan
        self.planned = planned
        self.calls = calls
        self.cacheHits = cacheHits
        self.errors = errors
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.callsWithoutTokens = callsWithoutTokens
    }

    enum CodingKeys: String, CodingKey {
        case id, status, samples, selection, plan, planned, calls, errors
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case toolVersion = "tool_version"
        case gitCommit = "git_commit"
        case cacheHits = "cache_hits"
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case costUSD = "cost_usd"
        case callsWithoutTokens = "calls_without_tokens"
    }
}

/// What evaluations used, in one definition for the run counters, the session summary and reports:
/// money actually spent. Cached answers cost nothing and are counted apart (``cacheHits``).
public struct RunCounters: Sendable, Hashable {
    /// Answers a live model gave (not from the cache); errors without an answer are not calls.
    public var calls = 0
    public var cacheHits = 0
    public var errors = 0
    /// Tokens of uncached results, as the API reported them.
    public var inputTokens = 0
    public var outputTokens = 0
    /// Those tokens at the model's price.
    public var costUSD = 0.0
    /// Calls whose answer reported no token counts (their cost is unknown).
    public var callsWithoutTokens = 0

    public init() {}

    /// Counts one stored result (the same terms as the store's derivation from result rows).
    public mutating func add(_ evaluation: Evaluation, live: Bool, price: ModelConfig.Price?, batch: Bool = false) {
        if evaluation.cached {
            cacheHits += 1
        } else {
            let input = evaluation.inputTokens ?? 0, output = evaluation.outputTokens ?? 0
            inputTokens += input
            outputTokens += output
            costUSD += price?.usd(inputTokens: input, outputTokens: output, batch: batch) ?? 0
            if live, evaluation.response != nil {
                calls += 1
                if evaluation.inputTokens == nil || evaluation.outputTokens == nil { callsWithoutTokens += 1 }
            }
        }
        if evaluation.isError { errors += 1 }
    }
}
