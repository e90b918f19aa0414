internal import Foundation
public import TriageEval

/// Number formatting shared by the text reports.
public enum Formatting {
    /// What an undefined number (a rate with no denominator, a metric with no data) reads as: never `0.000`.
    public static let undefined = "n/a"

    /// A rate or metric with 3 decimals, or `n/a` when undefined (nil).
    public static func metric(_ value: Double?) -> String {
        guard let value, value.isFinite else { return undefined }
        let text = String(format: "%.3f", value)
        return text == "-0.000" ? "0.000" : text
    }

    /// `1 evaluation`, `3 evaluations`: a count with its noun (plural with an `s`).
    public static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    /// A percentage with one decimal, or `n/a`.
    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return undefined }
        return String(format: "%.1f%%", value * 100)
    }

    /// `0.812 [0.70, 0.90]`: a value with its 95% interval; `n/a` when undefined.
    public static func withInterval(_ value: Double?, _ interval: ConfidenceInterval?) -> String {
        guard let value else { return undefined }
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

    /// A signed difference with 3 decimals: `+0.125`, `-0.050`, `0.000`; `n/a` when either side is undefined.
    public static func delta(_ value: Double?) -> String {
        guard let value, value.isFinite else { return undefined }
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

    /// A p-value with 4 significant digits (`0.5000`, `0.01234`, `1.000`), scientific below 0.0001 (`3.052e-05`).
    public static func pValue(_ value: Double) -> String {
        guard value.isFinite else { return undefined }
        return String(format: "%#.4g", value)
    }

    /// `> 0.7`, `>= 0.8`: the rule's operator and threshold as the rule writes them.
    public static func rule(_ policy: AlertPolicy) -> String {
        "\(policy.comparison.rawValue) \(threshold(policy.minConfidence))"
    }

    /// What raises an alert: `confidence > 0.7`, or `where <expression>` for a prompt deciding with `decision.where`.
    public static func decision(_ policy: AlertPolicy) -> String {
        policy.condition.map { "where \($0)" } ?? "confidence \(rule(policy))"
    }

    /// A value held to a bound, with as many decimals (3 to 10) as it takes for the printed value to sit on the
    /// same side of the bound as the value itself: 0.9496 against ≥ 0.95 prints `0.9496`, never `0.950`.
    /// - Parameter meets: whether the value meets its bound when rounded to `d` decimals.
    public static func bounded(_ value: Double?, passed: Bool, meets: (Double) -> Bool) -> String {
        guard let value, value.isFinite else { return undefined }
        for digits in 3 ... 10 {
            let text = String(format: "%.\(digits)f", value)
            if let shown = Double(text), meets(shown) == passed { return text == String(format: "%.\(digits)f", -0.0) ? String(format: "%.\(digits)f", 0.0) : text }
        }
        return String(value)
    }
}
