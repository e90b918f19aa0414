/// The declared-fields layer of an output spec: the fields read from the answer, which one is the verdict
/// (and how its values map), the confidence, the summary and the secondary outputs.
///
/// A JSON prompt declares it (`output.fields` with typed entries); a DISSECT prompt, or a JSON prompt in the
/// older form (`fields: {verdict: NAME, …}`), gets it implicitly (``OutputSpec/layer``): three string
/// fields, the verdict mapped by identity under `verdict_case`, the confidence a number read by `TO_DOUBLE`.
public struct DeclaredOutput: Sendable, Codable, Hashable {
    /// Declared fields, in declaration order (the order of the decision row's columns).
    public var fields: [DeclaredField]
    public var verdict: VerdictRule
    /// Nil: the prompt asks for no confidence (its answers have no score).
    public var confidence: ConfidenceRule?
    /// The field (a path) shown as the summary, if any.
    public var summary: String?
    public var secondary: [SecondaryOutput]

    public init(
        fields: [DeclaredField], verdict: VerdictRule, confidence: ConfidenceRule?, summary: String?,
        secondary: [SecondaryOutput] = []
    ) {
        self.fields = fields
        self.verdict = verdict
        self.confidence = confidence
        self.summary = summary
        self.secondary = secondary
    }

    /// The declared field at `path`.
    public func field(_ path: String) -> DeclaredField? {
        fields.first { $0.path == path }
    }

    /// Whether answers carry a numeric score (a number confidence, or categorical levels mapped to numbers):
    /// without one there is no ECE, Brier score or threshold sweep.
    public var hasNumericScore: Bool {
        guard let confidence else { return false }
        return field(confidence.field)?.type != .category || !confidence.levels.isEmpty
    }

    /// Whether the confidence is a category (its levels are scored per level).
    public var hasCategoricalConfidence: Bool {
        guard let confidence else { return false }
        return field(confidence.field)?.type == .category
    }
}
