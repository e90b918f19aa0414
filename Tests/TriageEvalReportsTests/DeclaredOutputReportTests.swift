import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

/// A JSON prompt with a categorical confidence (no levels) and a secondary output: every report says why there
/// is no calibration or sweep (n/a with the reason, never 0), shows the confidence level by level and scores
/// the secondary output against the cases' `expected:` values. Expected figures are computed by hand below.
@Suite struct DeclaredOutputReportTests {
    static let promptText = """
        ---
        id: analyzer
        version: v1
        output:
          format: json
          fields:
            true_positive_likelihood: {type: category, values: [high, medium, low], normalize: [strip, lower]}
            confidence: {type: category, values: [high, medium, low], normalize: [strip, lower]}
            threat_level: {type: category, values: [critical, high, medium, low], normalize: [strip, lower]}
          verdict: {field: true_positive_likelihood, map: {high: TP, medium: SUSPICIOUS, low: FP}}
          confidence: confidence
          secondary:
            - {field: threat_level, case_field: priority}
        ---
        Alert: {{host_name}}
        """

    static func analysis() throws -> RunAnalysis {
        let prompt = try PromptFileParser.parse(promptText, file: "prompts/analyzer/v1.prompt", defaults: AlertPolicy())
        let evaluator = try AnswerEvaluator(prompt: prompt)
        // (case, label, expected priority, answer): c1 TP alert at level high; c2 SUSPICIOUS on a benign case at
        // level low; c3 TP at medium; c4 no JSON at all (a parse failure).
        let rows: [(String, Label, String, String)] = [
            ("c1", .tp, "critical", #"{"true_positive_likelihood": "high", "confidence": "high", "threat_level": "critical"}"#),
            ("c2", .fp, "Medium", #"{"true_positive_likelihood": "medium", "confidence": "low", "threat_level": "low"}"#),
            ("c3", .tp, "high", #"{"true_positive_likelihood": "High ", "confidence": "Medium", "threat_level": "HIGH"}"#),
            ("c4", .fp, "low", "I think it is benign."),
        ]
        var results: [StoredResult] = []
        var cases: [Int64: TriageCase] = [:]
        for (index, (id, label, priority, answer)) in rows.enumerated() {
            var item = TriageCase(id: id, label: label, scenario: "S", alertSummary: "x")
            item.expected = ["priority": priority]
            cases[Int64(index + 1)] = item
            results.append(storedResult(id, label: label, scenario: "S", evaluation: evaluator.evaluate(answer), revisionID: Int64(index + 1), prompt: prompt.key))
        }
        return RunAnalysis(run: runInfo(planned: 4), results: results, policies: [prompt.key: prompt.decision], prompts: [prompt.key: prompt], cases: cases)
    }

    @Test func groupFigures() throws {
        let group = try #require(try Self.analysis().groups.first)
        // No score: verdict alone decides (c1, c2, c3 alert), and calibration has nothing to use.
        #expect(group.overall.alert.tp == 2 && group.overall.alert.fp == 1 && group.overall.alert.tn == 1)
        #expect(group.overall.calibration.n == 0 && group.overall.calibration.ece == nil)
        #expect(group.scoreNote == "no numeric score: the confidence is a category without levels mapped to numbers")
        #expect(group.sweepNote == group.scoreNote)
        let levels = try #require(group.confidenceLevels)
        // Lowest first: low (c2: 1 alert, benign → 0), medium (c3 → 1), high (c1 → 1): rises.
        #expect(levels.levels.map(\.level) == ["low", "medium", "high"])
        #expect(levels.levels.map(\.count) == [1, 1, 1])
        #expect(levels.levels.map(\.precision) == [0, 1, 1])
        #expect(levels.precisionRises == true)
        // Expected critical, medium (normalised from "Medium"), high, low; predicted critical, low, high, none.
        let secondary = try #require(group.secondary.first)
        #expect(secondary.n == 4 && secondary.correct == 2)
        #expect(secondary.classes.map(\.f1) == [1, 1, nil, 0])
        #expect(secondary.macroF1 == 0.5)
        #expect(secondary.confusion == [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]])
    }

    @Test func everyFormatSaysWhy() throws {
        let analysis = try Self.analysis()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try JSONReport.render(analysis).utf8)) as? [String: Any])
        let entry = try #require((json["results"] as? [[String: Any]])?.first)
        #expect(entry["threshold_sweep"] is NSNull)
        #expect(entry["score_note"] as? String == "no numeric score: the confidence is a category without levels mapped to numbers")
        let levels = try #require(entry["confidence_levels"] as? [String: Any])
        #expect(levels["precision_rises"] as? Bool == true)
        #expect((levels["levels"] as? [[String: Any]])?.map { $0["level"] as? String } == ["low", "medium", "high"])
        let secondary = try #require((entry["secondary"] as? [[String: Any]])?.first)
        #expect(secondary["macro_f1"] as? Double == 0.5)
        #expect(secondary["case_field"] as? String == "priority")
        let calibration = ((entry["metrics"] as? [String: Any])?["overall"] as? [String: Any])?["calibration"] as? [String: Any]
        #expect(calibration?["ece"] is NSNull)

        let markdown = MarkdownReport.body(analysis, limits: ReportLimits())
        #expect(markdown.contains("Calibration (ECE, Brier, reliability) and threshold sweep: n/a — no numeric score"))
        #expect(markdown.contains("| simulated | n/a | no numeric score: the confidence is a category without levels mapped to numbers |"))
        #expect(markdown.contains("Alert when verdict TP or SUSPICIOUS (no score) · TP 2 · FP 1"))
        #expect(!markdown.contains("confidence &gt; 0.7"))
        #expect(markdown.contains("Precision rises with the level: yes."))
        // Class, expected, predicted, precision, recall, F1: medium was never predicted.
        #expect(markdown.contains("| medium | 1 | 0 | n/a | 0.000 | n/a |"))
        #expect(markdown.contains("macro F1 0.500"))

        let html = HTMLReport.render(analysis)
        #expect(html.contains("Calibration (ECE, Brier, reliability) and threshold sweep: n/a — no numeric score"))
        #expect(html.contains("Precision rises with the level: yes."))
        #expect(html.contains("Secondary output threat_level vs expected priority"))
    }

    @Test("right verdict, lost to format: counted for a JSON prompt exactly as for DISSECT")
    func formatLossForJSON() throws {
        let prompt = try PromptFileParser.parse(Self.promptText, file: "prompts/analyzer/v1.prompt", defaults: AlertPolicy())
        let evaluator = try AnswerEvaluator(prompt: prompt)
        let object = #"{"true_positive_likelihood": "high", "confidence": "high", "threat_level": "high"}"#
        let benign = #"{"true_positive_likelihood": "low", "confidence": "high", "threat_level": "low"}"#
        // a1: an attack answered in a fence (strict no_match, lenient TP: lost to format); a2: an attack answered
        // bare (alert); b1: benign, "medium" after a sentence (lenient alerts: a false alarm the format spared);
        // b2: benign, a fenced "low" (unparsed, lenient right).
        let results = [
            storedResult("a1", label: .tp, scenario: "S", evaluation: evaluator.evaluate("```json\n\(object)\n```"), prompt: prompt.key),
            storedResult("a2", label: .tp, scenario: "S", evaluation: evaluator.evaluate(object), prompt: prompt.key),
            storedResult("b1", label: .fp, scenario: "S", evaluation: evaluator.evaluate(#"Verdict: {"true_positive_likelihood": "Medium", "confidence": "low"}"#), prompt: prompt.key),
            storedResult("b2", label: .fp, scenario: "S", evaluation: evaluator.evaluate("```\n\(benign)\n```"), prompt: prompt.key),
        ]
        let loss = FormatLoss(results)
        #expect(loss.answered == 4)
        #expect(loss.strictFailures == 3)
        #expect(loss.lenientFailures == 0)
        #expect(loss.alertsLost == 1)
        #expect(loss.falseAlarmsAvoided == 1)
        // a1 (lenient alerts on an attack) and b2 (lenient does not alert on a benign case) are right but unparsed.
        #expect(loss.rightButUnparsed == 2)
        #expect(loss.lenientAlert.tp == 2 && loss.lenientAlert.fp == 1)
    }

    @Test func gateSaysWhyECEIsUndefined() throws {
        let group = try #require(try Self.analysis().groups.first)
        let checks = GateEvaluator.evaluate(group.gateSubject, policy: GatePolicy(maxECE: 0.15))
        let ece = try #require(checks.first { $0.kind == .maxECE })
        #expect(!ece.passed)
        #expect(ece.value == nil)
        #expect(ece.detail == "undefined: no numeric score: the confidence is a category without levels mapped to numbers")
    }
}
