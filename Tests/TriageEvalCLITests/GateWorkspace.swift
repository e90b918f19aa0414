import Foundation
import StubTestSupport

/// A small project with six host cases and three replayed models whose answers are known:
///
/// | case | label | tags | good | mixed | bad |
/// |------|-------|------|------|-------|-----|
/// | a1 | TP | must-alert | TP 0.9 ✓ | TP 0.9 ✓ | FP 0.9 ✗ |
/// | a2 | TP | | TP 0.9 ✓ | FP 0.8 ✗ | TP 0.9 ✓ |
/// | a3 (hostile command line) | TP | | TP 0.9 ✓ | TP 0.95 ✓ | TP 0.9 ✓ |
/// | b1 | FP | must-not-alert | FP 0.9 ✓ | FP 0.9 ✓ | TP 0.9 ✗ |
/// | b2 | FP | | FP 0.9 ✓ | TP 0.85 ✗ | FP 0.9 ✓ |
/// | b3 | FP | | FP 0.9 ✓ | `Verdict: FP` (no_match) ✓ | FP 0.9 ✓ |
///
/// mixed: precision 2/3, recall 2/3, FPR 1/3, parse failure rate 1/6. good → mixed: b = 2, c = 0, p = 0.5.
enum GateWorkspace {
    static let prompt = """
        ---
        id: mini
        version: v1
        entity: host
        output:
          format: dissect
          pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
          verdicts: [TP, FP, SUSPICIOUS]
        decision:
          alert_verdicts: [TP, SUSPICIOUS]
          min_confidence: 0.7
        ---
        Host {{host_name}} ran: {{cmdlines_str}}.
        """

    static func caseYAML(_ id: String, _ label: String, tags: [String] = [], command: String = "whoami") -> String {
        """
        - id: \(id)
          label: \(label)
          scenario: S
          tags: [\(tags.joined(separator: ", "))]
          entity: {type: host, name: HOST-\(id)}
          alert_count: 1
          time_window_minutes: 5
          max_risk_score: 47
          rules: ["Rule"]
          command_lines: ['\(command)']

        """
    }

    static let answers: [String: [String: String]] = [
        "good": ["a1": "verdict=TP confidence=0.9 summary=x", "a2": "verdict=TP confidence=0.9 summary=x", "a3": "verdict=TP confidence=0.9 summary=x",
                 "b1": "verdict=FP confidence=0.9 summary=x", "b2": "verdict=FP confidence=0.9 summary=x", "b3": "verdict=FP confidence=0.9 summary=x"],
        "mixed": ["a1": "verdict=TP confidence=0.9 summary=x", "a2": "verdict=FP confidence=0.8 summary=x",
                  "a3": "verdict=TP confidence=0.95 summary=<script>alert(1)</script> </td> | x |",
                  "b1": "verdict=FP confidence=0.9 summary=x", "b2": "verdict=TP confidence=0.85 summary=x", "b3": "Verdict: FP"],
        "bad": ["a1": "verdict=FP confidence=0.9 summary=x", "a2": "verdict=TP confidence=0.9 summary=x", "a3": "verdict=TP confidence=0.9 summary=x",
                "b1": "verdict=TP confidence=0.9 summary=x", "b2": "verdict=FP confidence=0.9 summary=x", "b3": "verdict=FP confidence=0.9 summary=x"],
    ]

    /// Creates the project and runs every model over it (run 1).
    static func make() async throws -> URL {
        let manager = FileManager.default
        let directory = Scratch.url("triage-eval-gate")
        try manager.createDirectory(at: directory.appendingPathComponent("prompts/mini"), withIntermediateDirectories: true)
        try manager.createDirectory(at: directory.appendingPathComponent("cases"), withIntermediateDirectories: true)
        try manager.createDirectory(at: directory.appendingPathComponent("answers"), withIntermediateDirectories: true)
        try prompt.write(to: directory.appendingPathComponent("prompts/mini/v1.prompt"), atomically: true, encoding: .utf8)
        let cases = caseYAML("a1", "TP", tags: ["must-alert"]) + caseYAML("a2", "TP")
            + caseYAML("a3", "TP", command: "cmd.exe /c echo <script>alert(1)</script> </td> | x |")
            + caseYAML("b1", "FP", tags: ["must-not-alert"]) + caseYAML("b2", "FP") + caseYAML("b3", "FP")
        try cases.write(to: directory.appendingPathComponent("cases/mini.yaml"), atomically: true, encoding: .utf8)
        var config = "models:\n"
        for (model, byCase) in answers.sorted(by: { $0.key < $1.key }) {
            let lines = try byCase.sorted(by: { $0.key < $1.key }).map { caseID, response in
                String(decoding: try JSONSerialization.data(withJSONObject: ["case_id": caseID, "sample": 0, "response": response]), as: UTF8.self)
            }
            try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("answers/\(model).jsonl"), atomically: true, encoding: .utf8)
            config += "  - id: \(model)\n    provider: replay\n    path: answers/\(model).jsonl\n"
        }
        config += "gate:\n  min_precision: 0.5\n  max_fpr: 0.5\n"
        try config.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        let run = try await CLI.run(["run", "--quiet"], in: directory)
        guard run.status == 0 else { throw CLIError(message: "run failed (\(run.status)): \(run.stderr)") }
        return directory
    }

    struct CLIError: Error {
        var message: String
    }
}
