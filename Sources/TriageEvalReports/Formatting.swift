internal import Foundation
public import TriageEval

/// Number formatting shared by the text reports.
public enum Formatting {
    /// A rate or metric with 3 decimals, or an em dash for null.
    public static func metric(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        let text = String(format: "%.3f", value)
        return text == "-0.000" ? "0.000" : text
    }

    /// `1 evaluation`, `3 evaluations`: a count with its noun (plural with an `s`).
    public static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
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

extension Formatting {
    /// A threshold as written in a rule: `0.7`, `0.85`, up to 4 decimals without trailing zeros.
    public static func threshold(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A signed difference with 3 decimals: `+0.125`, `-0.050`, `0.000`.
    public static func delta(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        let text = String(format: "%+.3f", value)
        return text == "+0.000" || text == "-0.000" ? "0.000" : text
    }

    /// USD with 4 decimals, or an em dash when unpriced.
    public static func cost(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "$%.4f", value)
    }

    /// Milliseconds without decimals, or an em dash.
    public static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.0f ms", value)
    }

    /// A p-value: 4 significant digits, scientific below 0.0001.
    public static func pValue(_ value: Double) -> String {
        value < 0.0001 && value > 0 ? String(format: "%.2e", value) : String(format: "%.4f", value)
    }
}
