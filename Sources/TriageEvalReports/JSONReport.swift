internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// The JSON report (a contract scripts depend on): `{"run": {...}, "results": [{"prompt", "model", "metrics": {...}}]}`.
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
        var thresholdSweep: SweepJSON
        var format: FormatJSON

        enum CodingKeys: String, CodingKey {
            case prompt, model, errors, metrics
            case errorsByCause = "errors_by_cause"
            case thresholdSweep = "threshold_sweep"
            case format = "strict_vs_lenient"
        }
    }

    /// The threshold sweep: every point, the operating points and where production sits among them.
    struct SweepJSON: Encodable {
        var productionThreshold: Double
        var recallTarget: Double
        var production: AlertMetrics
        var bestF1: AlertMetrics
        var recallFirst: AlertMetrics
        /// 0-based index of the production threshold among `points`.
        var productionIndex: Int
        var points: [AlertMetrics]

        init(_ sweep: ThresholdSweep) {
            productionThreshold = sweep.productionThreshold
            recallTarget = sweep.recallTarget
            production = sweep.production
            bestF1 = sweep.bestF1
            recallFirst = sweep.recallFirst
            productionIndex = sweep.points.firstIndex { $0.threshold == sweep.productionThreshold } ?? 0
            points = sweep.points
        }

        enum CodingKeys: String, CodingKey {
            case production, points
            case productionThreshold = "production_threshold"
            case recallTarget = "recall_target"
            case bestF1 = "best_f1"
            case recallFirst = "recall_first"
            case productionIndex = "production_index"
        }
    }

    /// What the strict parse loses against the lenient one.
    struct FormatJSON: Encodable {
        var answered: Int
        var strictParseFailures: Int
        var lenientParseFailures: Int
        var alertsLostToFormat: Int
        var rightVerdictBrokenFormat: Int
        var falseAlarmsAvoided: Int
        var lenientAlert: AlertMetrics

        init(_ loss: FormatLoss) {
            answered = loss.answered
            strictParseFailures = loss.strictFailures
            lenientParseFailures = loss.lenientFailures
            alertsLostToFormat = loss.alertsLost
            rightVerdictBrokenFormat = loss.rightButUnparsed
            falseAlarmsAvoided = loss.falseAlarmsAvoided
            lenientAlert = loss.lenientAlert
        }

        enum CodingKeys: String, CodingKey {
            case answered
            case strictParseFailures = "strict_parse_failures"
            case lenientParseFailures = "lenient_parse_failures"
            case alertsLostToFormat = "alerts_lost_to_format"
            case rightVerdictBrokenFormat = "right_verdict_broken_format"
            case falseAlarmsAvoided = "false_alarms_avoided"
            case lenientAlert = "lenient_alert"
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
                    metrics: Metrics(threshold: $0.threshold, overall: $0.overall, byScenario: $0.byScenario),
                    thresholdSweep: SweepJSON($0.sweep), format: FormatJSON($0.formatLoss)
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
