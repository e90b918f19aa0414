/// One check of a CI gate: what was measured, the limit it was held to, and whether it passed.
public struct GateCheck: Sendable, Hashable {
    /// The policy key the check comes from.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case minPrecision = "min_precision"
        case minRecall = "min_recall"
        case maxFPR = "max_fpr"
        case maxParseFailureRate = "max_parse_failure_rate"
        case maxECE = "max_ece"
        case mustAlert = "must_alert"
        case mustNotAlert = "must_not_alert"
        case significance
        case maxRecallDrop = "max_recall_drop"
        case maxErrorRate = "max_error_rate"
        /// The run finished: not still `running` (or abandoned by a dead process), every planned group present.
        case runComplete = "run_complete"
        /// Attacks the base alerted on and a variant did not (``RobustnessMetrics/attackSuppression``).
        case maxAttackSuppression = "max_attack_suppression"
        /// Variants whose decision differs from their base's (``RobustnessMetrics/flips``).
        case maxFlipRate = "max_flip_rate"

        /// How the value is held to the threshold, for people reading the check.
        public var comparison: String {
            switch self {
            case .minPrecision, .minRecall: "≥"
            case .maxFPR, .maxParseFailureRate, .maxECE, .maxRecallDrop, .maxErrorRate, .maxAttackSuppression, .maxFlipRate: "≤"
            case .mustAlert, .mustNotAlert, .runComplete: "="
            case .significance: "not worse with p <"
            }
        }
    }

    public var kind: Kind
    /// The prompt × model the check is about (`id@version × model`).
    public var subject: String
    /// The measured value (a rate, a count of failing cases, a p-value), nil when it could not be measured
    /// (an undefined metric: the check fails and its detail says why).
    public var value: Double?
    /// The policy's limit.
    public var threshold: Double
    public var passed: Bool
    /// One line of context: the cases that failed, the counts behind a p-value.
    public var detail: String

    public init(kind: Kind, subject: String, value: Double?, threshold: Double, passed: Bool, detail: String = "") {
        self.kind = kind
        self.subject = subject
        self.value = value
        self.threshold = threshold
        self.passed = passed
        self.detail = detail
    }
}
