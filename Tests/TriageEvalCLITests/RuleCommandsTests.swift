import Foundation
import StubTestSupport
import Testing

/// Serialized: each test starts several `triage-eval` processes, and the machine is shared with timing-sensitive suites.
@Suite(.serialized, .boundedResources) struct RuleCommandsTests {
    static let hostRule = "multiple_alerts_llm_attack_chain_triage_by_host"

    func cli(_ arguments: [String], in directory: URL) async throws -> CLI.Output {
        try await CLI.run(arguments, in: directory)
    }

    func rule(_ path: String) -> String { fixture("rules/\(path)") }

    func fixture(_ path: String) -> String { (try? CLI.fixture(path).path) ?? "missing fixture \(path)" }

    @Test func bothHostRuleVersionsImportAndRunOffline() async throws {
        let directory = try CLI.workspace()
        let first = try await cli(["prompts", "import-rule", rule("first-release/\(Self.hostRule).toml")], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("imported \(Self.hostRule)@v1: LLM-Based Attack Chain Triage by Host"))
        #expect(first.stdout.contains("inference_id .gp-llm-v2-completion"))
        let current = try await cli(["prompts", "import-rule", rule("current/\(Self.hostRule).toml")], in: directory)
        #expect(current.stdout.contains("imported \(Self.hostRule)@v2"))
        #expect(current.stdout.contains("(ignore case)"))
        let again = try await cli(["prompts", "import-rule", rule("current/\(Self.hostRule).toml")], in: directory)
        #expect(again.stdout.contains("unchanged \(Self.hostRule)@v2"))
        let user = try await cli(["prompts", "import-rule", rule("current/multiple_alerts_llm_compromised_user_triage.toml"), "--id", "user-rule"], in: directory)
        #expect(user.status == 0, "\(user.stderr)")

        let list = try await cli(["prompts", "list"], in: directory)
        #expect(list.stdout.contains("\(Self.hostRule)@v1"))
        #expect(list.stdout.contains("user-rule@v1"))

        let run = try await cli(["run", "--prompt", "\(Self.hostRule)@v1", "--prompt", "\(Self.hostRule)@v2", "--prompt", "user-rule@v1", "--quiet"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(contentsOf: directory.appendingPathComponent("reports/latest.json"), encoding: .utf8)
        #expect(report.contains("\(Self.hostRule)@v1"))
        #expect(report.contains("\(Self.hostRule)@v2"))
        #expect(report.contains("user-rule@v1"))
    }

    @Test func theImportedRuleRendersExactlyLikeTheHandWrittenPrompt() async throws {
        let directory = try CLI.workspace()
        _ = try await cli(["prompts", "import-rule", rule("current/\(Self.hostRule).toml"), "--id", "host-rule"], in: directory)
        for id in ["lsass-comsvcs-minidump-01", "sccm-ccmexec-compliance-baseline-01"] {
            let fromRule = try await cli(["render", "--prompt", "host-rule@v1", "--case", id], in: directory)
            let fromTemplate = try await cli(["render", "--prompt", "host-triage@v2", "--case", id], in: directory)
            #expect(fromRule.status == 0, "\(fromRule.stderr)")
            #expect(!fromRule.stdout.isEmpty)
            #expect(fromRule.stdout == fromTemplate.stdout, "case \(id)")
        }
    }

    @Test func tryUsesAnImportedRuleAndItsOwnTail() async throws {
        let directory = try CLI.workspace()
        _ = try await cli(["prompts", "import-rule", rule("current/\(Self.hostRule).toml"), "--id", "host-rule"], in: directory)
        let id = "lsass-comsvcs-minidump-01"
        let rendered = try await cli(["render", "--prompt", "host-rule@v1", "--case", id], in: directory)
        let trial = try await cli(["try", "--prompt", "host-rule@v1", "--model", "heuristic", "--case", id], in: directory)
        #expect(trial.status == 0, "\(trial.stderr)")
        #expect(trial.stdout.contains("── rendered prompt (\(rendered.stdout.utf8.count) bytes)\n\(rendered.stdout)\n"))
        #expect(trial.stdout.contains("the rule's own DISSECT/EVAL/WHERE after COMPLETION: LLM-Based Attack Chain Triage by Host"))
        #expect(trial.stdout.contains("── decision: ALERT"), "\(trial.stdout)")

        let userCase = try await cli(["try", "--prompt", "host-rule@v1", "--model", "heuristic", "--case", "svc-sccm-client-push-01"], in: directory)
        #expect(userCase.status == 2)
        #expect(userCase.stderr.contains("host-rule@v1 does not judge case svc-sccm-client-push-01"), "\(userCase.stderr)")
    }

    @Test func unsupportedEsqlIsExitTwoWithTheLine() async throws {
        let directory = try CLI.workspace()
        // The curl rule with its first GROK turned into an ENRICH, a command outside the supported ES|QL.
        let original = try String(contentsOfFile: fixture("rules/current/command_and_control_curl_activity_llm_triage.toml"), encoding: .utf8)
        let text = original.replacingOccurrences(of: "| GROK Esql.full_command_line ", with: "| ENRICH hosts ON Esql.full_command_line // ")
        let path = directory.appendingPathComponent("enrich_rule.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await cli(["prompts", "import-rule", path], in: directory)
        #expect(result.status == 2)
        let line = (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("| ENRICH") } ?? -1) + 1
        #expect(result.stderr.contains(":\(line): rule.query: command ENRICH is outside the supported ES|QL subset"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func exportEsqlPrintsTheInstructionsLineAndUpdatesARule() async throws {
        let directory = try CLI.workspace()
        let line = try await cli(["prompts", "export-esql", "host-triage@v2"], in: directory)
        #expect(line.status == 0, "\(line.stderr)")
        let ruleText = try String(contentsOfFile: rule("current/\(Self.hostRule).toml"), encoding: .utf8)
        let ruleLine = try #require(ruleText.split(separator: "\n").first { $0.hasPrefix("| eval instructions = ") })
        // The hand-written v2 prompt's instructions are the current rule's, byte for byte.
        #expect(line.stdout == ruleLine + "\n")

        let out = directory.appendingPathComponent("updated.toml").path
        let first = rule("first-release/\(Self.hostRule).toml")
        let update = try await cli(["prompts", "export-esql", "host-triage@v2", "--rule", first, "--inference-id", "my-connector", "--out", out], in: directory)
        #expect(update.status == 0, "\(update.stderr)")
        let before = try String(contentsOfFile: first, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let after = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        let changed = zip(before, after).filter { $0 != $1 }.map { String($1) }
        #expect(changed == [String(ruleLine), #"| COMPLETION triage_result = prompt WITH { "inference_id": "my-connector"}"#])
    }

    @Test func casesFromAlertsWritesDraftsAndLabeledCases() async throws {
        let directory = try CLI.workspace()
        let alerts = fixture("alerts/alerts.ndjson")
        let drafts = try await cli(["cases", "from-alerts", alerts, "--group-by", "host", "--rule", rule("current/\(Self.hostRule).toml")], in: directory)
        #expect(drafts.status == 0, "\(drafts.stderr)")
        #expect(drafts.stdout.components(separatedBy: "label: null").count - 1 == 4)
        #expect(drafts.stderr.contains("30 alerts → 4 host cases (4 with label: null)"))

        let out = directory.appendingPathComponent("cases/from-alerts.yaml").path
        let labeled = try await cli(
            ["cases", "from-alerts", alerts, "--group-by", "host", "--rule", rule("current/\(Self.hostRule).toml"), "--label-file", fixture("alerts/labels.yaml"), "--out", out],
            in: directory
        )
        #expect(labeled.status == 0, "\(labeled.stderr)")
        let imported = try await cli(["cases", "import", out], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("4 cases: 4 added"))
        let bad = try await cli(["cases", "from-alerts", alerts, "--group-by", "user", "--rule", rule("current/\(Self.hostRule).toml")], in: directory)
        #expect(bad.status == 2)
    }
}
