/// How the rule holds a confidence to its threshold: `TO_DOUBLE(confidence) > 0.7` or `>= 0.7`.
public enum ThresholdComparison: String, Sendable, Codable, Hashable, CaseIterable {
    case greater = ">"
    case greaterOrEqual = ">="

    /// Whether `confidence` passes `threshold` under this operator.
    public func passes(_ confidence: Double, _ threshold: Double) -> Bool {
        switch self {
        case .greater: confidence > threshold
        case .greaterOrEqual: confidence >= threshold
        }
    }
}
