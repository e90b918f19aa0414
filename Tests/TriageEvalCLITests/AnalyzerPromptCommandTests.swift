import Foundation
import StubTestSupport
import Testing

/// The JSON analyzer family end to end: the guide's `analyze_alert` prompt (the fixture copy) over a hand-made
/// case with alert documents — `render` shows the prompt and its context loss, `run` scores the heuristic and
/// a `replay` of answers recorded elsewhere (a JSON object response with a `prompt` key), and the summary and
/// reports carry the context-loss rates.
@Suite(.serialized, .boundedResources) struct AnalyzerPromptCommandTests {
    static let cases = #"""
        - id: analyzer-lsass-01
          label: TP
          scenario: analyzer-docs
          entity: {type: host, name: WS-9}
          alert_count: 2
          time_window_minutes: 1
          max_risk_score: 99
          rules: [LSASS Memory Dump]
          index: .alerts-security.alerts-default
          documents:
            - {"@timestamp": "2026-01-01T00:00:00.000Z", "kibana.alert.rule.name": "LSASS Memory Dump", "kibana.alert.risk_score": 99, "host": {"name": "WS-9"}, "process.command_line": "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Windows\\Temp\\x.dmp full"}
            - {"@timestamp": "2026-01-01T00:00:30.000Z", "kibana.alert.rule.name": "LSASS Memory Dump", "host": {"name": "WS-9"}, "process.command_line": "tasklist /fi \"imagename eq lsass.exe\""}
        - id: analyzer-no-docs-01
          label: FP
          scenario: analyzer-docs
          entity: {type: host, name: WS-10}
          alert_count: 1
          time_window_minutes: 1
          max_risk_score: 21
          rules: [Windows Update]
        """#

    static let answers = #"""
        {"case_id": "analyzer-lsass-01", "prompt": "alert-analyzer@v1", "response": {"threat_level": "Critical", "confidence": "high", "true_positive_likelihood": "high", "summary": "comsvcs MiniDump of lsass"}}
        """#

    static func workspace() throws -> URL {
        let directory = try CLI.workspace()
        let prompts = directory.appendingPathComponent("prompts/alert-analyzer")
        try FileManager.default.createDirectory(at: prompts, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try CLI.fixture("analyzer/prompts/alert-analyzer/v1.prompt"), to: prompts.appendingPathComponent("v1.prompt"))
        try Self.cases.write(to: directory.appendingPathComponent("cases/analyzer.yaml"), atomically: true, encoding: .utf8)
        try Self.answers.write(to: directory.appendingPathComponent("recorded.jsonl"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("triage-eval.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try (text + "\n  - id: recorded\n    provider: replay\n    path: recorded.jsonl\n").write(to: config, atomically: true, encoding: .utf8)
        return directory
    }

    @Test func renderShowsThePromptAndWhatItLost() async throws {
        let directory = try Self.workspace()
        let render = try await CLI.run(["render", "--prompt", "alert-analyzer@v1", "--case", "analyzer-lsass-01"], in: directory)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout.contains("  \"host\": null,\n"))
        #expect(render.stdout.contains(#""command_line": "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624"#))
        #expect(render.stderr.contains("host.name (nested: WS-9)"), "\(render.stderr)")
        // The second alert's command line never reaches analyze_alert's prompt.
        #expect(render.stderr.contains("1 never in the prompt"), "\(render.stderr)")
        #expect(render.stderr.contains(#"never process.command_line: tasklist /fi "imagename eq lsass.exe""#), "\(render.stderr)")

        // try shows the same lint under its own heading, beside the heuristic's JSON answer.
        let trial = try await CLI.run(["try", "--prompt", "alert-analyzer@v1", "--model", "heuristic", "--case", "analyzer-lsass-01"], in: directory)
        #expect(trial.status == 0, "\(trial.stderr)")
        #expect(trial.stdout.contains("── context loss"), "\(trial.stdout)")
        #expect(trial.stdout.contains("host.name (nested: WS-9)"))
        #expect(trial.stdout.contains(#"{"true_positive_likelihood": "high""#), "\(trial.stdout)")

        // A case without documents is not the analyzer's case.
        let other = try await CLI.run(["render", "--prompt", "alert-analyzer@v1", "--case", "analyzer-no-docs-01"], in: directory)
        #expect(other.status == 2)
        #expect(other.stderr.contains("alert"), "\(other.stderr)")
    }

    @Test func contextLossCountsTheCasesNotTheirRobustnessVariants() async throws {
        let directory = try Self.workspace()
        let run = try await CLI.run(
            ["run", "--prompt", "alert-analyzer@v1", "--model", "heuristic", "--scenario", "analyzer-docs", "--variants", "benign-names,answer-spoof"],
            in: directory
        )
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let export = try await CLI.run(["results", "export", "--format", "jsonl"], in: directory)
        #expect(export.stdout.split(separator: "\n").filter { $0.contains("~") }.count >= 2, "the variants were evaluated: \(export.stdout)")
        let reports = try await CLI.run(["report", "--format", "json", "--out", "r"], in: directory)
        let jsonPath = try #require(reports.stdout.split(separator: "\n").first { $0.hasSuffix(".json") })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(String(jsonPath)))) as? [String: Any])
        let loss = try #require((json["context_loss"] as? [[String: Any]])?.first { $0["prompt"] as? String == "alert-analyzer@v1" })
        #expect(loss["cases"] as? Int == 1)
        #expect(loss["evidence"] as? Int == 2)
    }

    @Test func runScoresRecordedObjectAnswersAndReportsContextLoss() async throws {
        let directory = try Self.workspace()
        let run = try await CLI.run(
            ["run", "--prompt", "alert-analyzer@v1", "--model", "heuristic", "--model", "recorded", "--scenario", "analyzer-docs"], in: directory
        )
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        // The summary's context-loss row: 1 case, its null fields and the trap in it, 1 of 2 evidence values never shown.
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("alert-analyzer@v1") && $0.contains("1 (50.0%)") }, "\(run.stdout)")
        #expect(row.contains("1 (100.0%)"), "\(row)")

        let export = try await CLI.run(["results", "export", "--format", "jsonl"], in: directory)
        let results = try export.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(results.count == 2, "only the case with documents is judged")
        let recorded = try #require(results.first { $0["model"] as? String == "recorded" })
        #expect(recorded["response"] as? String == #"{"threat_level":"Critical","confidence":"high","true_positive_likelihood":"high","summary":"comsvcs MiniDump of lsass"}"#)
        #expect(recorded["parse_status"] as? String == "ok")
        #expect(recorded["alert"] as? Bool == true)
        // The verdict scoring used (the declared map of `true_positive_likelihood`), the model's own word beside it,
        // and the categorical confidence's level.
        #expect(recorded["verdict"] as? String == "TP")
        #expect(recorded["raw_verdict"] as? String == "high")
        #expect(recorded["confidence_level"] as? String == "high")
        let csv = try await CLI.run(["results", "export", "--format", "csv"], in: directory)
        let lines = csv.stdout.split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("case_id,prompt,model,sample,label,scenario,parse_status,verdict,raw_verdict,confidence,confidence_level,alert,") == true)
        #expect(lines.contains { $0.hasPrefix("analyzer-lsass-01,alert-analyzer@v1,recorded,0,TP,analyzer-docs,ok,TP,high,,high,true,") }, "\(csv.stdout)")
        let heuristic = try #require(results.first { $0["model"] as? String == "heuristic" })
        #expect(heuristic["parse_status"] as? String == "ok", "the heuristic answers in the declared JSON fields: \(heuristic["response"] ?? "")")

        let reports = try await CLI.run(["report", "--format", "json,md", "--out", "r"], in: directory)
        #expect(reports.status == 0, "\(reports.stderr)")
        let jsonPath = try #require(reports.stdout.split(separator: "\n").first { $0.hasSuffix(".json") })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(String(jsonPath)))) as? [String: Any])
        let loss = try #require((json["context_loss"] as? [[String: Any]])?.first { $0["prompt"] as? String == "alert-analyzer@v1" })
        #expect(loss["cases"] as? Int == 1)
        #expect(loss["cases_with_dotted_key_trap"] as? Int == 1)
        #expect(loss["evidence"] as? Int == 2)
        #expect(loss["evidence_never_in_prompt"] as? Int == 1)
        #expect(loss["evidence_never_in_prompt_rate"] as? Double == 0.5)
        let markdownPath = try #require(reports.stdout.split(separator: "\n").first { $0.hasSuffix(".md") })
        #expect(try String(contentsOf: directory.appendingPathComponent(String(markdownPath)), encoding: .utf8).contains("## Context loss"))
    }
}
