import Foundation
import StubTestSupport
import Testing

/// A JSON prompt with declared fields run end to end: replayed answers, `decision.where`, a categorical
/// confidence without numbers and a secondary output against the cases' `expected:` values, as the terminal
/// summary and the JSON report show them.
@Suite(.boundedResources) struct DeclaredOutputCommandTests {
    static let prompt = """
        ---
        id: analyzer
        version: v1
        entity: host
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
        decision:
          where: 'true_positive_likelihood == "high" OR (true_positive_likelihood == "medium" AND confidence == "high")'
        ---
        Host {{host_name}} ran: {{cmdlines_str}}
        """

    static let cases = """
        - id: json-attack-01
          label: TP
          scenario: JSON
          entity: {type: host, name: WS-1}
          alert_count: 1
          time_window_minutes: 5
          max_risk_score: 73
          rules: [R]
          command_lines: ['a.exe']
          expected: {priority: critical}
        - id: json-attack-02
          label: TP
          scenario: JSON
          entity: {type: host, name: WS-2}
          alert_count: 1
          time_window_minutes: 5
          max_risk_score: 73
          rules: [R]
          command_lines: ['b.exe']
          expected: {priority: High}
        - id: json-benign-01
          label: FP
          scenario: JSON
          entity: {type: host, name: WS-3}
          alert_count: 1
          time_window_minutes: 5
          max_risk_score: 73
          rules: [R]
          command_lines: ['c.exe']
          expected: {priority: low}
        """

    /// c1: high/high, threat critical → alert (TP); c2: medium with low confidence → no alert (missed attack),
    /// threat high; c3: medium with high confidence → alert (false alarm), threat medium against expected low.
    static let answers = [
        ("json-attack-01", #"{"true_positive_likelihood": "High", "confidence": "high", "threat_level": "critical"}"#),
        ("json-attack-02", #"{"true_positive_likelihood": "medium", "confidence": "low", "threat_level": "high"}"#),
        ("json-benign-01", #"{"true_positive_likelihood": "medium", "confidence": "HIGH", "threat_level": "medium"}"#),
    ]

    /// A candidate model's answers: c2 now alerts (likelihood high, confidence still low) with the right threat, c3
    /// clears (likelihood low) with the right threat.
    static let candidateAnswers = [
        ("json-attack-01", #"{"true_positive_likelihood": "high", "confidence": "high", "threat_level": "critical"}"#),
        ("json-attack-02", #"{"true_positive_likelihood": "high", "confidence": "low", "threat_level": "High"}"#),
        ("json-benign-01", #"{"true_positive_likelihood": "low", "confidence": "high", "threat_level": "low"}"#),
    ]

    /// A workspace with the prompt, the cases, and replayed answers as model `recorded` (and `candidate`).
    static func workspace() throws -> URL {
        let directory = try CLI.workspace()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("prompts/analyzer"), withIntermediateDirectories: true)
        try Self.prompt.write(to: directory.appendingPathComponent("prompts/analyzer/v1.prompt"), atomically: true, encoding: .utf8)
        try Self.cases.write(to: directory.appendingPathComponent("cases/json.yaml"), atomically: true, encoding: .utf8)
        var models = ""
        for (model, answers) in [("recorded", Self.answers), ("candidate", Self.candidateAnswers)] {
            let lines = try answers.map { id, response in
                String(decoding: try JSONSerialization.data(withJSONObject: ["case_id": id, "response": response]), as: UTF8.self)
            }
            try lines.joined(separator: "\n").write(to: directory.appendingPathComponent("\(model).jsonl"), atomically: true, encoding: .utf8)
            models += "  - id: \(model)\n    provider: replay\n    path: \(model).jsonl\n"
        }
        let config = directory.appendingPathComponent("triage-eval.yaml")
        try (try String(contentsOf: config, encoding: .utf8) + models).write(to: config, atomically: true, encoding: .utf8)
        return directory
    }

    @Test func runShowsLevelsSecondaryAndWhyNoScore() async throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }

        let run = try await CLI.run(
            ["run", "--prompt", "analyzer@v1", "--model", "recorded", "--case", "json-attack-01", "--case", "json-attack-02", "--case", "json-benign-01"],
            in: directory
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("analyzer@v1 × recorded · calibration (ECE, Brier) and threshold sweep: n/a — no numeric score: the confidence is a category without levels mapped to numbers"))
        // Levels lowest first: low (c2, no alert: n/a), medium (none), high (c1 TP alert, c3 FP alert: 0.5).
        #expect(run.stdout.contains("confidence by level (lowest first): low 1 answers, precision n/a · medium 0 answers, precision n/a · high 2 answers, precision 0.500; precision rises with the level: n/a"))
        // Expected critical, high, low; answered critical, high, medium: 2 of 3 right. Per class F1: critical 1,
        // high 1, medium 0 (predicted, never expected: P 0), low 0 (expected, never predicted: P n/a) → macro (1 + 1 + 0 + 0) / 4.
        #expect(run.stdout.contains("analyzer@v1 × recorded · threat_level vs expected priority: macro F1 0.500, 2/3 right"))

        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("reports/latest.json"))) as? [String: Any])
        let entry = try #require((report["results"] as? [[String: Any]])?.first)
        #expect(entry["threshold_sweep"] is NSNull)
        let alert = (((entry["metrics"] as? [String: Any])?["overall"] as? [String: Any])?["alert"] as? [String: Any])
        #expect(alert?["tp"] as? Int == 1 && alert?["fp"] as? Int == 1 && alert?["fn"] as? Int == 1 && alert?["tn"] as? Int == 0)
        let secondary = try #require((entry["secondary"] as? [[String: Any]])?.first)
        #expect(secondary["confusion"] as? [[Int]] == [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 1, 0, 0]])
    }

    @Test func compareScoresDeclaredOutputsAndLevelsOnThePairedCases() async throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CLI.run(
            ["run", "--prompt", "analyzer@v1", "--model", "recorded", "--model", "candidate", "--case", "json-attack-01", "--case", "json-attack-02", "--case", "json-benign-01"],
            in: directory
        )
        #expect(run.status == 0, "\(run.stderr)")
        let compare = try await CLI.run(["compare", "analyzer@v1/recorded", "analyzer@v1/candidate"], in: directory)
        #expect(compare.status == 0, "\(compare.stderr)")
        // threat_level: the base 2/3 right, macro F1 0.5 (above); the candidate 3/3 (critical, high, low), macro F1 1.
        #expect(compare.stdout.contains("### Declared outputs (paired cases, sample 0)"), "\(compare.stdout)")
        #expect(compare.stdout.contains("| threat\\_level | 3 → 3 | 0.667 → 1.000 | 0.500 → 1.000 | +0.500 |"), "\(compare.stdout)")
        // Levels: base low c2 (no alert), high c1 (TP alert) and c3 (FP alert); candidate low c2 (TP alert), high c1
        // (TP alert) and c3 (no alert).
        #expect(compare.stdout.contains("| low | 1 → 1 | 0 → 1 | n/a → 1.000 |"), "\(compare.stdout)")
        #expect(compare.stdout.contains("| medium | 0 → 0 | 0 → 0 | n/a → n/a |"), "\(compare.stdout)")
        #expect(compare.stdout.contains("| high | 2 → 2 | 2 → 1 | 0.500 → 1.000 |"), "\(compare.stdout)")
        let html = try await CLI.run(["compare", "analyzer@v1/recorded", "analyzer@v1/candidate", "--format", "html"], in: directory)
        #expect(html.stdout.contains("<h2>Declared outputs (paired cases, sample 0)</h2>"), "\(html.stdout)")
    }
}
