internal import TriageEval

/// Parse failures of one prompt with and without the provider's structured outputs, side by side: two
/// models of the run whose configurations differ only in `structured_output`, on a prompt that declares a
/// schema (issue 13 item 5).
public struct StructuredOutputComparison: Sendable, Hashable {
    /// One model's parse failures on the prompt.
    public struct Side: Sendable, Hashable {
        public var model: String
        /// Answered results.
        public var answered: Int
        /// Strict (production) parse failures.
        public var strictFailures: Int
        /// Lenient parse failures.
        public var lenientFailures: Int

        /// Strict failures / answered; nil (`n/a`) when nothing was answered.
        public var strictFailureRate: Double? { answered > 0 ? Double(strictFailures) / Double(answered) : nil }
    }

    public var prompt: String
    /// The model that sent no schema.
    public var plain: Side
    /// The model that sent the schema (`structured_output: true`).
    public var structured: Side

    /// Every pair the run holds: for each prompt with a schema, each model without structured outputs matched
    /// with each model whose configuration is the same but for `structured_output: true`.
    static func pairs(_ groups: [RunAnalysis.Group], models: [String: ModelConfig], prompts: [String: PromptVersion]) -> [StructuredOutputComparison] {
        func setup(_ config: ModelConfig) -> ModelConfig {
            var config = config
            config.id = ""
            config.structuredOutput = nil
            return config
        }
        func side(_ group: RunAnalysis.Group) -> Side {
            Side(model: group.model, answered: group.formatLoss.answered, strictFailures: group.formatLoss.strictFailures, lenientFailures: group.formatLoss.lenientFailures)
        }
        var pairs: [StructuredOutputComparison] = []
        for group in groups where prompts[group.prompt]?.schema != nil {
            guard let plain = models[group.model], !plain.sendsSchema else { continue }
            for other in groups where other.prompt == group.prompt {
                guard let structured = models[other.model], structured.sendsSchema, setup(structured) == setup(plain) else { continue }
                pairs.append(StructuredOutputComparison(prompt: group.prompt, plain: side(group), structured: side(other)))
            }
        }
        return pairs
    }
}
