/// A remark on a parse that succeeded but deserves attention in a report.
public enum ParseFlag: String, Sendable, Codable, Hashable {
    /// The confidence parsed but lies outside [0, 1] (e.g. `confidence=95`).
    /// Production still compares it with `> 0.7`, so it may alert; calibration ignores it.
    case confidenceOutOfRange = "confidence_out_of_range"
}
