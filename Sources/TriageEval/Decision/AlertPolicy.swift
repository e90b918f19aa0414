/// The rule's `WHERE` after the `DISSECT`: which parsed answers raise an alert.
///
/// Alert ⇔ parse ok ∧ verdict ∈ ``alertVerdicts`` ∧ confidence ≠ null ∧ confidence > ``minConfidence``.
/// The comparison is strictly greater, as `TO_DOUBLE(Esql.confidence) > 0.7` is.
public struct AlertPolicy: Sendable, Codable, Hashable {
    /// Canonical verdicts that alert, e.g. `[TP, SUSPICIOUS]`.
    public var alertVerdicts: [String]
    /// How the verdict is compared (the rule's `==` or `TO_LOWER(…) ==`).
    public var verdictCase: VerdictCase
    /// The confidence must be strictly greater than this.
    public var minConfidence: Double

    public init(alertVerdicts: [String] = ["TP", "SUSPICIOUS"], verdictCase: VerdictCase = .ignore, minConfidence: Double = 0.7) {
        self.alertVerdicts = alertVerdicts
        self.verdictCase = verdictCase
        self.minConfidence = minConfidence
    }

    /// Whether this parsed answer raises an alert.
    public func alerts(_ answer: ParsedAnswer) -> Bool {
        guard answer.status == .ok, let verdict = answer.verdict, let confidence = answer.confidence else { return false }
        return alertVerdicts.contains(verdict) && confidence > minConfidence
    }

    /// Whether a confidence value would alert for an alerting verdict (used by threshold sweeps).
    public func alerts(verdict: String?, confidence: Double?, threshold: Double) -> Bool {
        guard let verdict, let confidence else { return false }
        return alertVerdicts.contains(verdict) && confidence > threshold
    }
}
