internal import Foundation
public import TriageEval

/// Number formatting shared by the text reports.
public enum Formatting {
    /// A rate or metric with 3 decimals, or an em dash for null.
    public static func metric(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.3f", value)
    }

    /// A percentage with one decimal.
    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.1f%%", value * 100)
    }

    /// `0.812 [0.70, 0.90]`: a value with its 95% interval.
    public static func withInterval(_ value: Double, _ interval: ConfidenceInterval?) -> String {
        guard let interval else { return metric(value) }
        return "\(metric(value)) [\(String(format: "%.2f", interval.lower)), \(String(format: "%.2f", interval.upper))]"
    }
}
