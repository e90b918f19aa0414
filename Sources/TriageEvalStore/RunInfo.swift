public import Foundation

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

        public init(promptRows: [Int64], modelRows: [Int64], caseRevisions: [Int64], samples: Int) {
            self.promptRows = promptRows
            self.modelRows = modelRows
            self.caseRevisions = caseRevisions
            self.samples = samples
        }

        enum CodingKeys: String, CodingKey {
            case samples
            case promptRows = "prompt_rows"
            case modelRows = "model_rows"
            case caseRevisions = "case_revisions"
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
    }
}

/// Counters a run accumulates while it executes.
public struct RunCounters: Sendable, Hashable {
    public var calls = 0
    public var cacheHits = 0
    public var errors = 0
    public var inputTokens = 0
    public var outputTokens = 0
    public var costUSD = 0.0

    public init() {}
}
