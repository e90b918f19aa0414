public import TriageEval
internal import Foundation

/// Writes a verdict, confidence and summary in a prompt's declared output format,
/// so offline answers go through the same parse path as a live model's.
public enum AnswerFormatter {
    /// The answer text for `spec`: the DISSECT pattern with its keys filled in, or a JSON object.
    public static func format(verdict: String, confidence: Double, summary: String, spec: OutputSpec) -> String {
        let confidenceText = String(format: "%.2f", confidence)
        switch spec.format {
        case .dissect(let pattern, _):
            let values = [spec.verdictKey: verdict, spec.confidenceKey: confidenceText, spec.summaryKey: summary]
            return fill(pattern, values)
        case .json(let verdictField, let confidenceField, let summaryField):
            let object: [String: Any] = [verdictField: verdict, confidenceField: Double(confidenceText) ?? confidence, summaryField: summary]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Replaces each `%{key}` (modifiers stripped) with its value; unknown keys become empty.
    static func fill(_ pattern: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(pattern)
        while let open = rest.range(of: "%{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                rest = rest[open.lowerBound...]
                break
            }
            var key = String(rest[open.upperBound..<close])
            key = key.trimmingCharacters(in: CharacterSet(charactersIn: "+?*&"))
            if let slash = key.firstIndex(of: "/") { key = String(key[..<slash]) }
            if key.hasSuffix("->") { key.removeLast(2) }
            result += values[key] ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
