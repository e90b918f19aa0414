public import Foundation
internal import TriageEval
public import TriageEvalStore

/// Every result of a run as JSON Lines or CSV, one row per case × prompt × model × sample.
///
/// `verdict` is the canonical verdict scoring used (`TP`, `FP`, `SUSPICIOUS`, or a declared prompt's mapped value),
/// null unless the strict parse is `ok`; `raw_verdict` is the model's own text for it (a JSON analyzer's `high`, a
/// lower-case `tp`). `confidence` is the number compared with the threshold; `confidence_level` a categorical one.
public enum ResultsExport {
    /// The columns, in order (also the JSON keys).
    public static let columns = [
        "case_id", "prompt", "model", "sample", "label", "scenario", "parse_status", "verdict", "raw_verdict", "confidence",
        "confidence_level", "alert",
        "tokens", "latency_ms", "response", "error",
    ]

    /// One object per line; nulls stay null.
    public static func jsonLines(_ results: [StoredResult]) throws -> String {
        let encoder = jsonEncoder
        return try results.map { try jsonLine($0, encoder: encoder) }.joined()
    }

    /// The encoder of ``jsonLine(_:encoder:)`` (sorted keys).
    public static var jsonEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// One result as a JSON line (with its newline).
    public static func jsonLine(_ result: StoredResult, encoder: JSONEncoder) throws -> String {
        String(decoding: try encoder.encode(Row(result)), as: UTF8.self) + "\n"
    }

    /// RFC 4180 CSV with a header row. Text cells that a spreadsheet would read as a formula
    /// (`=`, `+`, `-`, `@`, tab, CR first) get a leading `'`: responses and case fields are attacker-controlled.
    public static func csv(_ results: [StoredResult]) -> String {
        csvHeader + results.map(csvRow).joined()
    }

    /// The CSV header line.
    public static var csvHeader: String { columns.joined(separator: ",") + "\r\n" }

    /// One result as a CSV line (see ``csv(_:)``).
    public static func csvRow(_ result: StoredResult) -> String {
        let row = Row(result)
        let cells: [String] = [
            text(row.caseID), text(row.prompt), text(row.model), "\(row.sample)", row.label, text(row.scenario),
            row.parseStatus ?? "", text(row.verdict ?? ""), text(row.rawVerdict ?? ""), row.confidence.map { "\($0)" } ?? "",
            text(row.confidenceLevel ?? ""), "\(row.alert)",
            row.tokens.map { "\($0)" } ?? "", row.latencyMs.map { String(format: "%.1f", $0) } ?? "",
            text(row.response ?? ""), text(row.error ?? ""),
        ]
        return cells.joined(separator: ",") + "\r\n"
    }

    /// A quoted, formula-neutralized CSV text cell.
    static func text(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    struct Row: Encodable {
        var caseID: String
        var prompt: String
        var model: String
        var sample: Int
        var label: String
        var scenario: String
        var parseStatus: String?
        var verdict: String?
        var rawVerdict: String?
        var confidence: Double?
        var confidenceLevel: String?
        var alert: Bool
        var tokens: Int?
        var latencyMs: Double?
        var response: String?
        var error: String?

        init(_ result: StoredResult) {
            let evaluation = result.evaluation
            caseID = result.caseID
            prompt = result.prompt
            model = result.model
            sample = result.key.sample
            label = result.label.rawValue
            scenario = result.scenario
            parseStatus = evaluation.strict?.status.rawValue ?? (evaluation.isError ? "error" : nil)
            let parsed = evaluation.strict?.status == .ok
            verdict = parsed ? evaluation.strict?.verdict : nil
            rawVerdict = evaluation.strict?.rawVerdict
            confidence = evaluation.strict?.confidence.flatMap { $0.isFinite ? $0 : nil }
            confidenceLevel = parsed ? evaluation.strict?.confidenceLevel : nil
            alert = evaluation.alert
            tokens = evaluation.inputTokens == nil && evaluation.outputTokens == nil ? nil : (evaluation.inputTokens ?? 0) + (evaluation.outputTokens ?? 0)
            latencyMs = evaluation.latencyMs
            response = evaluation.response
            error = evaluation.error
        }

        enum CodingKeys: String, CodingKey {
            case prompt, model, sample, label, scenario, verdict, confidence, alert, tokens, response, error
            case caseID = "case_id"
            case parseStatus = "parse_status"
            case rawVerdict = "raw_verdict"
            case confidenceLevel = "confidence_level"
            case latencyMs = "latency_ms"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(caseID, forKey: .caseID)
            try container.encode(prompt, forKey: .prompt)
            try container.encode(model, forKey: .model)
            try container.encode(sample, forKey: .sample)
            try container.encode(label, forKey: .label)
            try container.encode(scenario, forKey: .scenario)
            try container.encode(parseStatus, forKey: .parseStatus)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(rawVerdict, forKey: .rawVerdict)
            try container.encode(confidence, forKey: .confidence)
            try container.encode(confidenceLevel, forKey: .confidenceLevel)
            try container.encode(alert, forKey: .alert)
            try container.encode(tokens, forKey: .tokens)
            try container.encode(latencyMs, forKey: .latencyMs)
            try container.encode(response, forKey: .response)
            try container.encode(error, forKey: .error)
        }
    }
}
