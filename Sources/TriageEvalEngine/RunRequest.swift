public import TriageEvalStore

/// What the user asked `run` to evaluate; empty lists mean "all".
public struct RunRequest: Sendable {
    /// `id@version` keys, or bare ids meaning every version of that prompt.
    public var prompts: [String]
    public var models: [String]
    public var scenarios: [String]
    /// `--case` ids and `--tag`s (see ``CaseSelection``).
    public var caseIDs: [String]
    public var tags: [String]
    public var samples: Int
    /// Robustness transforms to expand each selected case with (`--variants`); nil: the config's `variants:`.
    public var variants: [String]?
    /// The variants' seed (`--variant-seed`); nil: the config's `variant_seed:`.
    public var variantSeed: UInt64?
    /// `--shard K/N`: evaluate only this slice of the selected cases.
    public var shard: ShardSlice?

    /// The most samples a run may ask for (a bound on the plan's size, checked before anything is stored).
    public static let maxSamples = 1_000

    /// Why `samples` is out of range, or nil when it is fine.
    public static func samplesProblem(_ samples: Int) -> String? {
        (1...maxSamples).contains(samples) ? nil : "must be from 1 to \(maxSamples), got \(samples)"
    }

    public init(prompts: [String] = [], models: [String] = [], scenarios: [String] = [], caseIDs: [String] = [], tags: [String] = [], samples: Int = 1,
        variants: [String]? = nil, variantSeed: UInt64? = nil, shard: ShardSlice? = nil
    ) {
        self.shard = shard
        self.prompts = prompts
        self.models = models
        self.scenarios = scenarios
        self.caseIDs = caseIDs
        self.tags = tags
        self.samples = samples
        self.variants = variants
        self.variantSeed = variantSeed
    }

    /// The cases asked for, within the case set.
    public var cases: CaseSelection { CaseSelection(scenarios: scenarios, caseIDs: caseIDs, tags: tags) }
}
