import Foundation
import StubTestSupport
import Testing

@Suite(.boundedResources) struct EngineCommandTests {
    @Test func dryRunCountsAndSendsNothing() async throws {
        let directory = try CLI.workspace()
        let output = try await CLI.run(["run", "--dry-run", "--prompt", "host-triage@v2"], in: directory)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("dry run: nothing sent, nothing stored\n"))
        let row = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("heuristic") })
        let hostCases = try await hostCaseCount(directory)
        #expect(row.split(separator: " ", omittingEmptySubsequences: true).dropFirst().prefix(3) == ["\(hostCases)", "-", "offline"])
        let runs = try await CLI.run(["runs", "list"], in: directory)
        #expect(runs.stdout == "no runs yet\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("reports/latest.md").path))
    }

    @Test func tryShowsEveryStepOfOneCall() async throws {
        let directory = try CLI.workspace()
        let output = try await CLI.run(
            ["try", "--prompt", "host-triage@v2", "--model", "heuristic", "--case", "certutil-urlcache-download-exec-01"], in: directory
        )
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "── host-triage@v2 × case certutil-urlcache-download-exec-01 (TP) → model heuristic (heuristic)")
        #expect(lines.contains { $0.hasPrefix("── rendered prompt (") })
        #expect(lines.contains { $0.hasPrefix("── raw answer (") })
        let strict = try #require(lines.first { $0.hasPrefix("── strict parse") })
        #expect(strict.contains("status=ok verdict=TP"))
        let decision = try #require(lines.last { $0.hasPrefix("── decision: ") })
        #expect(decision.hasPrefix("── decision: ALERT (verdict in [TP, SUSPICIOUS] and confidence > 0.7)"))
        let rendered = try await CLI.run(["render", "--prompt", "host-triage@v2", "--case", "certutil-urlcache-download-exec-01"], in: directory)
        #expect(output.stdout.contains(rendered.stdout))
    }

    @Test func tryUnknownCaseExits2() async throws {
        let directory = try CLI.workspace()
        let output = try await CLI.run(["try", "--prompt", "host-triage@v2", "--model", "heuristic", "--case", "nope"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr == "error: command line: --case: unknown case \"nope\"; see `triage-eval cases list`\n")
    }

    @Test func badMaxCostExits2() async throws {
        let directory = try CLI.workspace()
        let output = try await CLI.run(["run", "--max-cost", "0"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr.contains("--max-cost must be a positive amount of USD"))
    }

    /// Host cases among the stored bundled ones (the host prompt judges only those).
    func hostCaseCount(_ directory: URL) async throws -> Int {
        let json = try await CLI.run(["cases", "list", "--format", "json"], in: directory).stdout
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        return cases.count { ($0["entity"] as? [String: Any])?["type"] as? String == "host" }
    }
}
