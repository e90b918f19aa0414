import Foundation
import StubTestSupport
import Testing
import TriageEvalStore

@Suite(.boundedResources) struct RunCommandTests {
    @Test func runWritesBothReportsAndASummary() async throws {
        let directory = try CLI.workspace()
        let output = try await CLI.run(["run", "--quiet"], in: directory)
        #expect(output.status == 0, "\(output.stderr)")
        let markdown = try String(contentsOf: directory.appendingPathComponent("reports/latest.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("# triage-eval run 1"))
        let json = try String(contentsOf: directory.appendingPathComponent("reports/latest.json"), encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 3)

        let list = try await CLI.run(["runs", "list"], in: directory)
        #expect(list.stdout.contains("complete"))
    }

    @Test func badCaseFileIsOneLineAndExit2AndImportsNothing() async throws {
        let directory = try CLI.workspace()
        try "- id: broken\n  label: TP\n  scenario: X\n  entity: {type: host, name: h}\n  alert_count: 1\n  time_window_minutes: 1\n  max_risk_score: 21\n  rules: [R]\n  colour: red\n"
            .write(to: directory.appendingPathComponent("cases/zz-bad.yaml"), atomically: true, encoding: .utf8)
        let output = try await CLI.run(["cases", "import"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr.split(separator: "\n").count == 1)
        #expect(output.stderr.hasPrefix("error: cases/zz-bad.yaml:9:3: cases[0].colour: unknown key"))
        // `cases list` syncs the case files first, so it reports the bad file too; the store holds no case.
        let list = try await CLI.run(["cases", "list"], in: directory)
        #expect(list.status == 2)
        #expect(list.stderr.contains("cases/zz-bad.yaml:9:3"))
        #expect(try await Store(path: directory.appendingPathComponent(".triage-eval/store.sqlite").path).currentCases().isEmpty)
    }

    @Test func badPromptExits2() async throws {
        let directory = try CLI.workspace()
        let file = directory.appendingPathComponent("prompts/host-triage/v2.prompt")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "{{cmdlines_str}}", with: "{{cmdline_str}}")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let output = try await CLI.run(["run", "--quiet"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr.contains("prompts/host-triage/v2.prompt:15: template uses {{cmdline_str}}"))
    }

    @Test func unknownModelExits2() async throws {
        let directory = try CLI.workspace()
        let output = try await CLI.run(["run", "--model", "gpt-7"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr == "error: command line: --model: unknown model \"gpt-7\"; configured: heuristic\n")
    }

    @Test func unknownCaseIDExits2() async throws {
        let directory = try CLI.workspace()
        let output = try await CLI.run(["render", "--prompt", "host-triage@v2", "--case", "no-such-case"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr == "error: command line: --case: unknown case \"no-such-case\"; see `triage-eval cases list`\n")
    }

    @Test func missingConfigExits2() async throws {
        let output = try await CLI.run(["runs", "list", "--config", "/nonexistent/triage-eval.yaml"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("/nonexistent/triage-eval.yaml: cannot read the config file"))
    }
}
