/// The rule's `WHERE` after the `DISSECT`: which parsed answers raise an alert.
///
/// Alert ⇔ parse ok ∧ verdict ∈ ``alertVerdicts`` ∧ confidence ≠ null ∧ confidence ``comparison`` ``minConfidence``.
/// An answer that parses `ok` without a score (its prompt declares no numeric confidence) alerts on its verdict.
/// A prompt with declared fields may instead decide with ``condition`` (``DecisionCondition``).
/// The comparison is the rule's own: strictly greater for `TO_DOUBLE(Esql.confidence) > 0.7` (the default),
/// greater or equal for `>= 0.7`.
public struct AlertPolicy: Sendable, Codable, Hashable {
    /// Canonical verdicts that alert, e.g. `[TP, SUSPICIOUS]`.
    public var alertVerdicts: [String]
    /// How the verdict is compared (the rule's `==` or `TO_LOWER(…) ==`).
    public var verdictCase: VerdictCase
    /// The threshold the confidence is held to with ``comparison``.
    public var minConfidence: Double
    /// The rule's operator (`>` unless the rule says `>=`).
    public var comparison: ThresholdComparison
    /// `decision.where`: an expression in the rules' `WHERE` syntax over the declared fields; when set, an
    /// answer alerts iff it parses `ok` and the expression is true (``alertVerdicts`` and ``minConfidence`` unused).
    public var condition: String?

    public init(
        alertVerdicts: [String] = ["TP", "SUSPICIOUS"], verdictCase: VerdictCase = .ignore, minConfidence: Double = 0.7,
        comparison: ThresholdComparison = .greater, condition: String? = nil
    ) {
        self.alertVerdicts = alertVerdicts
        self.verdictCase = verdictCase
        self.minConfidence = minConfidence
        self.comparison = comparison
        self.condition = condition
    }

    enum CodingKeys: String, CodingKey {
        case alertVerdicts, verdictCase, minConfidence, comparison
        case condition = "where"
    }

    /// Decodes a policy; one recorded before the operator was kept reads as `>`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        alertVerdicts = try container.decode([String].self, forKey: .alertVerdicts)
        verdictCase = try container.decode(VerdictCase.self, forKey: .verdictCase)
        minConfidence = try container.decode(Double.self, forKey: .minConfidence)
        comparison = try container.decodeIfPresent(ThresholdComparison.self, forKey: .comparison) ?? .greater
        condition = try container.decodeIfPresent(String.self, forKey: .condition)
    }

    /// Whether this parsed answer raises an alert under ``alertVerdicts`` and ``minConfidence`` (``condition`` is
    /// evaluated by ``DecisionCondition``).
    public func alerts(_ answer: ParsedAnswer) -> Bool {
        guard answer.status == .ok, let verdict = answer.verdict else { return false }
        guard let confidence = answer.confidence else { return alertVerdicts.contains(verdict) }
        return alertVerdicts.contains(verdict) && comparison.passes(confidence, minConfidence)
    }

    /// Whether a confidence value would alert for an alerting verdict (used by threshold sweeps).
    public func alerts(verdict: String?, confidence: Double?, threshold: Double) -> Bool {
        guard let verdict, let confidence else { return false }
        return alertVerdicts.contains(verdict) && comparison.passes(confidence, threshold)
    }
}
