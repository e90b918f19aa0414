/// Thresholds a CI gate checks (the `gate:` block of `triage-eval.yaml`, or a policy file).
///
/// Every threshold is optional: an absent key is a check not made.
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

    public init(
        minRecall: Double? = nil, minPrecision: Double? = nil, maxFPR: Double? = nil, maxParseFailureRate: Double? = nil,
        maxECE: Double? = nil, maxRecallDrop: Double? = nil, significance: Double? = nil, flaky: FlakyPolicy = .majority
    ) {
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
        case significance, flaky
    }
}
