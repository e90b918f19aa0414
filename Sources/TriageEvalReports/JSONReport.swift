internal import Foundation
public import TriageEval
internal import TriageEvalStore

/// The JSON report (DESIGN §3, contract): `{"run": {...}, "results": [{"prompt", "model", "metrics": {...}}]}`.
public enum JSONReport {
    struct Document: Encodable {
        var run: RunInfo
        var results: [Entry]
    }

    struct Entry: Encodable {
        var prompt: String
        var model: String
        var errors: Int
        var errorsByCause: [String: Int]
        var metrics: Metrics

        enum CodingKeys: String, CodingKey {
            case prompt, model, errors, metrics
            case errorsByCause = "errors_by_cause"
        }
    }

    struct Metrics: Encodable {
        var threshold: Double
        var overall: GroupMetrics
        var byScenario: [String: GroupMetrics]

        enum CodingKeys: String, CodingKey {
            case threshold, overall
            case byScenario = "by_scenario"
        }
    }

    /// The report as pretty-printed JSON with sorted keys.
    public static func render(_ analysis: RunAnalysis) throws -> String {
        let document = Document(
            run: analysis.run,
            results: analysis.groups.map {
                Entry(
                    prompt: $0.prompt, model: $0.model, errors: $0.errorCount, errorsByCause: $0.errors,
                    metrics: Metrics(threshold: $0.threshold, overall: $0.overall, byScenario: $0.byScenario)
                )
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .throw
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
