public import Foundation
internal import TriageEval
internal import TriageEvalStore

/// The JSON report (a contract scripts depend on): `{"run": {...}, "results": [{"prompt", "model", "metrics": {...}}]}`.
public enum JSONReport {
    struct Document: Encodable {
        var run: RunInfo
        var results: [Entry]
        /// Per case with documents: its id, revision and document ids (`_index/_id`).
        var documents: [CaseDocumentsJSON]
        /// Per rule prompt run over case documents × model: ``RuleEconomicsReport``.
        var ruleEconomics: [RuleEconomicsJSON]
        /// Per template prompt over cases with documents: ``ContextLossSummary``.
        var contextLoss: [ContextLossSection.JSON]
        /// Parse failures with and without the schema: ``StructuredOutputComparison``.
        var structuredOutputs: [StructuredOutputsJSON]
        /// Variants against their bases: ``RobustnessJSON``.
        var robustness: RobustnessJSON

        enum CodingKeys: String, CodingKey {
            case run, results, documents, robustness
            case ruleEconomics = "rule_economics"
            case contextLoss = "context_loss"
            case structuredOutputs = "structured_outputs"
        }
    }

    struct RuleEconomicsJSON: Encodable {
        var prompt: String
        var model: String
        var executions: Int
        var rowsProduced: Int
        var rowsJudged: Int
        var cutByLimit: Int
        var cutByCap: Int
        var nullPrompts: Int
        var notJudged: Int
        var callsPerDay: Double?
        var costPerDayUSD: Double?
        var errorRate: Double?
        var executionsLostShare: Double?

        init(_ row: RuleEconomicsReport.Row) {
            prompt = row.prompt
            model = row.model
            executions = row.economics.executions
            rowsProduced = row.economics.rowsProduced
            rowsJudged = row.economics.rowsJudged
            cutByLimit = row.economics.cutByLimit
            cutByCap = row.economics.cutByCap
            nullPrompts = row.economics.nullPrompts
            notJudged = row.economics.notJudged
            callsPerDay = row.economics.callsPerDay
            costPerDayUSD = row.costPerDay
            errorRate = row.errorRate
            executionsLostShare = row.lostShare
        }

        enum CodingKeys: String, CodingKey {
            case prompt, model, executions
            case rowsProduced = "rows_produced", rowsJudged = "rows_judged", cutByLimit = "cut_by_limit", cutByCap = "cut_by_cap"
            case nullPrompts = "null_prompts", notJudged = "not_judged", callsPerDay = "calls_per_day", costPerDayUSD = "cost_per_day_usd"
            case errorRate = "error_rate", executionsLostShare = "executions_lost_share"
        }
    }

    struct CaseDocumentsJSON: Encodable {
        var caseID: String
        var revision: Int64
        var documents: [String]

        enum CodingKeys: String, CodingKey {
            case caseID = "case_id"
            case revision = "case_revision_id"
            case documents
        }
    }

    struct Entry: Encodable {
        var prompt: String
        var model: String
        var errors: Int
        var errorsByCause: [String: Int]
        var metrics: Metrics
        /// Null when the sweep is not the prompt's decision (``sweepNote`` says why).
        var thresholdSweep: SweepJSON?
        var format: FormatJSON
        var summary: SummaryJSON
        /// Present only for a prompt with declared fields: why calibration and the sweep are n/a, a categorical
        /// confidence level by level, and the secondary outputs.
        var scoreNote: String?
        var sweepNote: String?
        var confidenceLevels: ConfidenceLevelMetrics?
        var secondary: [SecondaryMetrics]?

        init(_ group: RunAnalysis.Group) {
            prompt = group.prompt
            model = group.model
            errors = group.errorCount
            errorsByCause = group.errors
            metrics = Metrics(threshold: group.threshold, comparison: group.policy.comparison, overall: group.overall, byScenario: group.byScenario)
            thresholdSweep = group.sweepNote == nil ? SweepJSON(group.sweep) : nil
            format = FormatJSON(group.formatLoss)
            summary = SummaryJSON(group.caseSummary)
            scoreNote = group.scoreNote
            sweepNote = group.sweepNote
            confidenceLevels = group.confidenceLevels
            secondary = group.secondary.isEmpty ? nil : group.secondary
        }

        enum CodingKeys: String, CodingKey {
            case prompt, model, errors, metrics, summary, secondary
            case errorsByCause = "errors_by_cause"
            case thresholdSweep = "threshold_sweep"
            case format = "strict_vs_lenient"
            case scoreNote = "score_note"
            case sweepNote = "sweep_note"
            case confidenceLevels = "confidence_levels"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(prompt, forKey: .prompt)
            try container.encode(model, forKey: .model)
            try container.encode(errors, forKey: .errors)
            try container.encode(errorsByCause, forKey: .errorsByCause)
            try container.encode(metrics, forKey: .metrics)
            try container.encodeOrNull(thresholdSweep, forKey: .thresholdSweep)
            try container.encode(format, forKey: .format)
            try container.encode(summary, forKey: .summary)
            try container.encodeIfPresent(scoreNote, forKey: .scoreNote)
            try container.encodeIfPresent(sweepNote, forKey: .sweepNote)
            try container.encodeIfPresent(confidenceLevels, forKey: .confidenceLevels)
            try container.encodeIfPresent(secondary, forKey: .secondary)
        }
    }

    /// The case-level summary: what the terminal and the top of the other reports show.
    struct SummaryJSON: Encodable {
        var cases: Int
        var samples: Int
        var answered: Int
        var missedAttacks: [String]
        var falseAlarms: [String]
        var mustAlertFailures: [String]
        var attacks: Int
        var benign: Int
        /// False-alarm cases / benign cases; null when there is no benign case.
        var fpr: Double?
        /// Flipped / repeated cases; null when no case was answered twice.
        var flipRate: Double?

        init(_ summary: CaseSummary) {
            cases = summary.cases
            samples = summary.samples
            answered = summary.answered
            // The case lists are placeholders filled in as the report is written (``JSONReport/write(_:to:)``).
            missedAttacks = []
            falseAlarms = []
            mustAlertFailures = []
            attacks = summary.attacks
            benign = summary.benign
            fpr = summary.fpr
            flipRate = summary.flipRate
        }

        enum CodingKeys: String, CodingKey {
            case cases, samples, answered, attacks, benign, fpr
            case missedAttacks = "missed_attacks"
            case falseAlarms = "false_alarms"
            case mustAlertFailures = "must_alert_failures"
            case flipRate = "flip_rate"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(cases, forKey: .cases)
            try container.encode(samples, forKey: .samples)
            try container.encode(answered, forKey: .answered)
            try container.encode(attacks, forKey: .attacks)
            try container.encode(benign, forKey: .benign)
            try container.encode(missedAttacks, forKey: .missedAttacks)
            try container.encode(falseAlarms, forKey: .falseAlarms)
            try container.encode(mustAlertFailures, forKey: .mustAlertFailures)
            try container.encodeOrNull(fpr, forKey: .fpr)
            try container.encodeOrNull(flipRate, forKey: .flipRate)
        }
    }

    /// The threshold sweep: every point, the operating points and where production sits among them.
    struct SweepJSON: Encodable {
        var productionThreshold: Double
        var comparison: ThresholdComparison
        var recallTarget: Double
        var production: AlertMetrics
        var bestF1: AlertMetrics
        /// Null when no threshold reaches the recall target.
        var recallFirst: AlertMetrics?
        var highestRecall: AlertMetrics
        /// 0-based index of the production threshold among `points`.
        var productionIndex: Int
        var points: [AlertMetrics]

        init(_ sweep: ThresholdSweep) {
            productionThreshold = sweep.productionThreshold
            comparison = sweep.comparison
            highestRecall = sweep.highestRecall
            recallTarget = sweep.recallTarget
            production = sweep.production
            bestF1 = sweep.bestF1
            recallFirst = sweep.recallFirst
            productionIndex = sweep.points.firstIndex { $0.threshold == sweep.productionThreshold } ?? 0
            points = sweep.points
        }

        enum CodingKeys: String, CodingKey {
            case production, points, comparison
            case highestRecall = "highest_recall"
            case productionThreshold = "production_threshold"
            case recallTarget = "recall_target"
            case bestF1 = "best_f1"
            case recallFirst = "recall_first"
            case productionIndex = "production_index"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(productionThreshold, forKey: .productionThreshold)
            try container.encode(comparison, forKey: .comparison)
            try container.encode(recallTarget, forKey: .recallTarget)
            try container.encode(production, forKey: .production)
            try container.encode(bestF1, forKey: .bestF1)
            try container.encodeOrNull(recallFirst, forKey: .recallFirst)
            try container.encode(highestRecall, forKey: .highestRecall)
            try container.encode(productionIndex, forKey: .productionIndex)
            try container.encode(points, forKey: .points)
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
        /// The rule's operator (`>` or `>=`).
        var comparison: ThresholdComparison
        var overall: GroupMetrics
        var byScenario: [String: GroupMetrics]

        enum CodingKeys: String, CodingKey {
            case threshold, overall, comparison
            case byScenario = "by_scenario"
        }
    }

    /// The report as pretty-printed JSON with sorted keys.
    public static func render(_ analysis: RunAnalysis) throws -> String {
        String(decoding: try data(analysis), as: UTF8.self)
    }

    /// ``render(_:)``'s bytes, newline-terminated, as written to a file.
    public static func data(_ analysis: RunAnalysis) throws -> Data {
        var data = Data()
        try write(analysis) { data.append(contentsOf: $0.utf8) }
        return data
    }

    /// Hands ``data(_:)``'s text to `emit` in pieces of whole lines, without ever holding the whole report: a big
    /// run's lists (its planned case revisions, each group's missed attacks, false alarms and must-alert failures:
    /// 170,000 values at 100,000 results) are encoded a thousand at a time into their places in the rest, which is
    /// encoded whole (the bytes are the same as one `JSONEncoder` pass over everything).
    public static func write(_ analysis: RunAnalysis, to emit: (String) throws -> Void) throws {
        var lists = JSONSplices()
        let skeleton = try encoder.encode(document(analysis, lists: &lists))
        // Line by line (the writer collects lines into chunks).
        for line in skeleton.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let text = String(decoding: line, as: UTF8.self)
            if let (indent, list, comma) = lists.placeholder(text) {
                try lists.encode(list, using: encoder) { element, last in try emit(indent + element + (last ? comma : ",") + "\n") }
            } else {
                try emit(text + "\n")
            }
        }
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .throw
        return encoder
    }

    /// The report's document; its long lists are left to `lists` (each a placeholder in the document).
    static func document(_ analysis: RunAnalysis, lists: inout JSONSplices) -> Document {
        var run = analysis.run
        run.plan.caseRevisions = lists.add(run.plan.caseRevisions)
        let results = analysis.groups.map { group in
            var entry = Entry(group)
            let summary = group.caseSummary
            entry.summary.missedAttacks = lists.add(summary.missedAttacks)
            entry.summary.falseAlarms = lists.add(summary.falseAlarms)
            entry.summary.mustAlertFailures = lists.add(summary.mustAlertFailures)
            return entry
        }
        return Document(
            run: run,
            results: results,
            documents: CaseDocumentIndex(analysis).entries.map { CaseDocumentsJSON(caseID: $0.caseID, revision: $0.revisionID, documents: $0.ids) },
            ruleEconomics: analysis.ruleEconomics.rows.map(RuleEconomicsJSON.init),
            contextLoss: analysis.contextLoss.map(ContextLossSection.JSON.init),
            structuredOutputs: analysis.structuredOutputs.map(StructuredOutputsJSON.init),
            robustness: RobustnessJSON(analysis.robustness)
        )
    }
}
