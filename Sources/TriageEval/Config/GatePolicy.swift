/// Thresholds a CI gate checks (the `gate:` block of `triage-eval.yaml`, or a policy file).
///
/// Every metric threshold is optional: an absent key is a check not made. The completeness check
/// (`max_error_rate`, default 0), the zero-tolerance cases and the run's status are always checked.
public struct GatePolicy: Sendable, Codable, Hashable {
    /// How cases with several samples count for zero-tolerance checks.
    public enum FlakyPolicy: String, Sendable, Codable, Hashable {
        /// The case passes when the majority of its samples decide correctly.
        case majority
        /// Every sample must decide correctly.
        case all
    }

    public var minRecall: Double?
    public var minPrecision: Double?
    public var maxFPR: Double?
    public var maxParseFailureRate: Double?
    public var maxECE: Double?
    /// Largest allowed drop in recall against the baseline (0.0 = none).
    public var maxRecallDrop: Double?
    /// McNemar p-value below which a worse candidate is a significant regression.
    public var significance: Double?
    public var flaky: FlakyPolicy
    /// Largest share of planned evaluations left unanswered (provider errors or never run) the gate accepts;
    /// nil = 0: an incomplete run fails unless the policy allows it explicitly.
    public var maxErrorRate: Double?
    /// Largest share of alerted attacks a transform may switch off (variants against their bases).
    public var maxAttackSuppression: RobustnessLimit?
    /// Largest share of variants whose decision may differ from their base's.
    public var maxFlipRate: RobustnessLimit?

    /// ``maxErrorRate``, 0 when absent.
    public var errorRateLimit: Double { maxErrorRate ?? 0 }

    public init(
        minRecall: Double? = nil, minPrecision: Double? = nil, maxFPR: Double? = nil, maxParseFailureRate: Double? = nil,
        maxECE: Double? = nil, maxRecallDrop: Double? = nil, significance: Double? = nil, flaky: FlakyPolicy = .majority,
        maxErrorRate: Double? = nil, maxAttackSuppression: RobustnessLimit? = nil, maxFlipRate: RobustnessLimit? = nil
    ) {
        self.maxErrorRate = maxErrorRate
        self.maxAttackSuppression = maxAttackSuppression
        self.maxFlipRate = maxFlipRate
        self.minRecall = minRecall
        self.minPrecision = minPrecision
        self.maxFPR = maxFPR
        self.maxParseFailureRate = maxParseFailureRate
        self.maxECE = maxECE
        self.maxRecallDrop = maxRecallDrop
        self.significance = significance
        self.flaky = flaky
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case minRecall = "min_recall"
        case minPrecision = "min_precision"
        case maxFPR = "max_fpr"
        case maxParseFailureRate = "max_parse_failure_rate"
        case maxECE = "max_ece"
        case maxRecallDrop = "max_recall_drop"
        case maxErrorRate = "max_error_rate"
        case maxAttackSuppression = "max_attack_suppression"
        case maxFlipRate = "max_flip_rate"
        case significance, flaky
    }
}
