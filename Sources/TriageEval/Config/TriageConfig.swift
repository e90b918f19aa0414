/// The contents of `triage-eval.yaml`: where things live, which models exist, and the default policies.
public struct TriageConfig: Sendable {
    /// SQLite store path (created on first use).
    public var store: String
    /// Directory of case YAML files.
    public var cases: String
    /// Directory of `<id>/<version>.prompt` files.
    public var prompts: String
    /// Directory reports are written to.
    public var reports: String
    public var models: [ModelConfig]
    /// Default alert decision for prompts that declare none.
    public var decision: AlertPolicy
    public var gate: GatePolicy
    /// Transforms `run` applies when `--variants` is not given (`variants:`); empty: no variants.
    public var variants: [String] = []
    /// The seed of the variants' random choices (`variant_seed:`).
    public var variantSeed: UInt64 = CaseVariants.defaultSeed
    /// User-defined transforms (`transforms:`).
    public var transforms: [UserTransform] = []

    public init(
        store: String = ".triage-eval/store.sqlite", cases: String = "cases", prompts: String = "prompts", reports: String = "reports",
        models: [ModelConfig] = [], decision: AlertPolicy = AlertPolicy(), gate: GatePolicy = GatePolicy()
    ) {
        self.store = store
        self.cases = cases
        self.prompts = prompts
        self.reports = reports
        self.models = models
        self.decision = decision
        self.gate = gate
    }

    /// The model with this id, if configured.
    public func model(_ id: String) -> ModelConfig? { models.first { $0.id == id } }
}
