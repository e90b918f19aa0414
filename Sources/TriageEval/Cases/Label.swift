/// Ground truth for a case: is the grouped activity malicious?
public enum Label: String, Sendable, Codable, CaseIterable, Hashable {
    /// True positive: the alerts form a real attack.
    case tp = "TP"
    /// False positive: benign activity that happened to fire rules.
    case fp = "FP"
}
