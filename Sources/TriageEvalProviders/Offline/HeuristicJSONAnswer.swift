public import TriageEval

/// The `heuristic` model's answer to a prompt that declares typed JSON fields (`output.fields`, e.g. the
/// alert-analyzer and alert-correlation prompts): one JSON object, as Python's `json.dumps` writes it, holding
/// every declared field — the verdict field with the value its map gives the baseline's verdict, the confidence
/// as a number or a level, the summary — so these prompts go through the same parse path as a model's answer.
public enum HeuristicJSONAnswer {
    /// The heuristic's answer to a request whose prompt declares typed JSON fields; nil for any other prompt.
    /// The baseline reads the user message with JSON string escapes undone (`C:\\Windows` as `C:\Windows`), as
    /// a model reads the documents a prompt dumps; the system part holds instructions, not alert data.
    public static func answer(_ request: CompletionRequest, credulous: Bool = false) -> String? {
        guard case .json = request.output.format, let declared = request.output.declared else { return nil }
        return text(HeuristicTriage.assess(unescaped(request.prompt), credulous: credulous), declared: declared)
    }

    /// `text` with the JSON escapes `\\`, `\"` and `\/` replaced by the characters they stand for.
    static func unescaped(_ text: String) -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                if character != "\\" && character != "\"" && character != "/" { out.append("\\") }
                out.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        if escaping { out.append("\\") }
        return out
    }

    /// The answer for `declared`, or nil when the verdict cannot be expressed (its map has no value for it).
    public static func text(_ assessment: HeuristicAssessment, declared: DeclaredOutput) -> String? {
        guard let verdictValue = value(for: assessment.verdict, in: declared) else { return nil }
        var object = PythonDict()
        for field in declared.fields {
            let value: PythonValue
            if field.path == declared.verdict.field {
                value = field.type == .boolean ? .bool(verdictValue == "true") : .str(verdictValue)
            } else if field.path == declared.confidence?.field {
                value = confidence(assessment.confidence, field: field, rule: declared.confidence)
            } else if field.path == declared.summary {
                value = .str(assessment.summary)
            } else {
                value = other(field, verdict: assessment.verdict, confidence: assessment.confidence)
            }
            set(&object, path: Substring(field.path), value)
        }
        return PythonJSON.dumps(.dict(object))
    }

    /// The field value whose mapped verdict is `verdict`: the first in the map; SUSPICIOUS falls back to TP's value
    /// when the map has none (a boolean `correlated` cannot hedge).
    static func value(for verdict: String, in declared: DeclaredOutput) -> String? {
        let map = declared.verdict.map
        if map.isEmpty { return verdict }
        return map.first { $0.verdict == verdict }?.value ?? (verdict == "SUSPICIOUS" ? map.first { $0.verdict == "TP" }?.value : nil)
    }

    /// A number field gets the baseline's confidence; a category the level whose probability is nearest, or
    /// without levels `high` (≥ 0.85), `medium` (≥ 0.65) or `low`, when the field allows it.
    static func confidence(_ confidence: Double, field: DeclaredField, rule: ConfidenceRule?) -> PythonValue {
        switch field.type {
        case .number: return .float(confidence)
        case .boolean: return .bool(confidence >= 0.5)
        case .string, .category:
            if let levels = rule?.levels, let nearest = levels.min(by: { abs($0.probability - confidence) < abs($1.probability - confidence) }) {
                return .str(nearest.value)
            }
            return .str(level(confidence >= 0.85 ? "high" : confidence >= 0.65 ? "medium" : "low", of: field))
        }
    }

    /// Any other declared field: a level follows the verdict (TP high, SUSPICIOUS medium, FP low), a number the
    /// confidence, a boolean whether it alerts; free text a level when its name ends in `level`, else `none`
    /// for FP and `unknown` otherwise (the baseline knows no kill-chain stage).
    static func other(_ field: DeclaredField, verdict: String, confidence: Double) -> PythonValue {
        let severity = verdict == "TP" ? "high" : verdict == "SUSPICIOUS" ? "medium" : "low"
        switch field.type {
        case .number: return .float(confidence)
        case .boolean: return .bool(verdict != "FP")
        case .category: return .str(level(severity, of: field))
        case .string: return .str(field.path.hasSuffix("level") ? severity : verdict == "FP" ? "none" : "unknown")
        }
    }

    /// `wanted` as the category spells it (its values are normalised; the first value when none matches).
    static func level(_ wanted: String, of field: DeclaredField) -> String {
        guard !field.values.isEmpty else { return wanted }
        return field.values.first { $0.lowercased() == wanted } ?? field.values[0]
    }

    /// Sets `value` at a dotted path, creating nested dicts.
    static func set(_ object: inout PythonDict, path: Substring, _ value: PythonValue) {
        guard let dot = path.firstIndex(of: ".") else {
            object[String(path)] = value
            return
        }
        let head = String(path[..<dot])
        var inner: PythonDict
        if case .dict(let existing)? = object[head] { inner = existing } else { inner = PythonDict() }
        set(&inner, path: path[path.index(after: dot)...], value)
        object[head] = .dict(inner)
    }
}
