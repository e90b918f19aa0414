import Foundation
import StubTestSupport
import Testing

/// Issue 11 A1, A4, A5 and D23 through the binary: the gate on an all-error run, compare without shared cases,
/// the rule's own operator, and what `run` prints and writes.
@Suite(.serialized, .boundedResources) struct FailSafeCommandTests {
    static let environment = ["TRIAGE_EVAL_TEST_OPENAI_KEY": "sk-test-not-a-real-key"]

    /// The gate workspace's prompt and six cases with two models: `good` (replay, every answer right) and
    /// `rejected` (an OpenAI-compatible endpoint answering 401 to everything).
    static func workspace(stub: StubServer) throws -> URL {
        let manager = FileManager.default
        let directory = Scratch.url("triage-eval-failsafe")
        try manager.createDirectory(at: directory.appendingPathComponent("prompts/mini"), withIntermediateDirectories: true)
        try manager.createDirectory(at: directory.appendingPathComponent("cases"), withIntermediateDirectories: true)
        try manager.createDirectory(at: directory.appendingPathComponent("answers"), withIntermediateDirectories: true)
        try GateWorkspace.prompt.write(to: directory.appendingPathComponent("prompts/mini/v1.prompt"), atomically: true, encoding: .utf8)
        let cases = GateWorkspace.caseYAML("a1", "TP", tags: ["must-alert"]) + GateWorkspace.caseYAML("a2", "TP") + GateWorkspace.caseYAML("a3", "TP")
            + GateWorkspace.caseYAML("b1", "FP", tags: ["must-not-alert"]) + GateWorkspace.caseYAML("b2", "FP") + GateWorkspace.caseYAML("b3", "FP")
        try cases.write(to: directory.appendingPathComponent("cases/mini.yaml"), atomically: true, encoding: .utf8)
        let lines = try (GateWorkspace.answers["good"] ?? [:]).sorted { $0.key < $1.key }.map { caseID, response in
            String(decoding: try JSONSerialization.data(withJSONObject: ["case_id": caseID, "sample": 0, "response": response]), as: UTF8.self)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("answers/good.jsonl"), atomically: true, encoding: .utf8)
        let config = """
            models:
              - id: good
                provider: replay
                path: answers/good.jsonl
              - id: rejected
                provider: openai
                model: gpt-test
                base_url: \(stub.baseURL)/v1
                api_key_env: TRIAGE_EVAL_TEST_OPENAI_KEY
                max_retries: 0
                concurrency: 1

            """
        try config.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    static func rejectingStub() async throws -> StubServer {
        let fixture = try CLI.fixture("providers/openai_error_invalid_api_key.json").path
        return try await StubServer(["--reply-status", "401", "--reply-body", fixture])
    }

    static func policy(_ text: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("policy-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("A1: a run whose every call was rejected (401) fails the gate, even with a policy of only max_fpr")
    func gateOnAllErrorRun() async throws {
        let stub = try await Self.rejectingStub()
        let directory = try Self.workspace(stub: stub)
        let run = try await CLI.run(["run", "--model", "rejected"], in: directory, environment: Self.environment)
        #expect(run.status == 3, "\(run.stderr)")
        // The terminal summary: the errored attacks are missed attacks, the unanswered must-alert and must-not-alert
        // cases are failures, and every rate of the group is undefined.
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("mini@v1") })
        let cells = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(cells == ["mini@v1", "rejected", "6", "·", "6", "3", "of", "3", "0", "of", "3", "n/a", "2", "n/a", "6", "n/a", "n/a", "n/a", "n/a"], "\(row)")
        let policy = try Self.policy("max_fpr: 0.5", in: directory)
        let gate = try await CLI.run(["gate", "--run", "1", "--policy", policy], in: directory)
        #expect(gate.status == 1, "\(gate.stdout)\(gate.stderr)")
        #expect(gate.stdout.contains("FAIL  mini@v1 × rejected  max_error_rate: 1.000 (≤ 0)  — 6 of 6 planned evaluations unanswered (6 provider errors, 0 never run)"))
        #expect(gate.stdout.contains("FAIL  mini@v1 × rejected  max_fpr: n/a (≤ 0.5)  — undefined: no benign case answered"))
        #expect(gate.stdout.contains("FAIL  mini@v1 × rejected  must_alert: 1 failing (= 0)  — 1 of 1 must-alert cases did not alert (flaky: majority): a1 (no answered sample)"))
        #expect(!gate.stdout.contains("gate passed"))
        // Allowing every error explicitly still cannot pass a run with no answer at all.
        let lenient = try Self.policy("max_fpr: 0.5\nmax_error_rate: 1", in: directory)
        let again = try await CLI.run(["gate", "--run", "1", "--policy", lenient], in: directory)
        #expect(again.status == 1, "\(again.stdout)")
        #expect(again.stdout.contains("no answer at all: the gate cannot pass"))
    }

    @Test("A1: an incomplete run fails the gate unless max_error_rate allows it")
    func gateOnPartlyErroredRun() async throws {
        let stub = try await Self.rejectingStub()
        let directory = try Self.workspace(stub: stub)
        let run = try await CLI.run(["run", "--quiet"], in: directory, environment: Self.environment)
        #expect(run.status == 3)
        // The healthy model alone is complete; the whole run is not.
        #expect(try await CLI.run(["gate", "--model", "good"], in: directory).status == 0)
        let gate = try await CLI.run(["gate"], in: directory)
        #expect(gate.status == 1)
        #expect(gate.stdout.contains("PASS  mini@v1 × good  max_error_rate: 0.000 (≤ 0)"))
        #expect(gate.stdout.contains("FAIL  mini@v1 × rejected  max_error_rate"))
    }

    @Test("A4: compare of two groups that share no answered case exits 2 with the counts")
    func compareWithoutSharedCases() async throws {
        let stub = try await Self.rejectingStub()
        let directory = try Self.workspace(stub: stub)
        _ = try await CLI.run(["run", "--quiet"], in: directory, environment: Self.environment)
        let compare = try await CLI.run(["compare", "good", "rejected"], in: directory)
        #expect(compare.status == 2, "\(compare.stdout)\(compare.stderr)")
        #expect(compare.stderr.contains("share no answered case (sample 0): 6 cases only in the base, 0 only in the candidate"))
    }

    @Test("D23: run prints the case summary with missed attacks named, and writes HTML as well")
    func runSummaryAndHTML() async throws {
        let directory = try await GateWorkspace.make()
        let run = try await CLI.run(["run", "--model", "mixed"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let header = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("prompt") })
        for column in ["cases · samples", "missed attacks", "false alarms", "FPR", "must-alert fail", "flip rate", "errors"] {
            #expect(header.contains(column), "\(header)")
        }
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("mini@v1") })
        #expect(row.contains("6 · 6"))
        #expect(row.contains("1 of 3"))  // a2 missed
        #expect(run.stdout.contains("mini@v1 × mixed · missed attacks (1):\n  a2 [S] FP 0.8"))
        #expect(run.stdout.contains("mini@v1 × mixed · false alarms (1):\n  b2 [S] TP 0.85 alert"))
        #expect(run.stdout.contains("latest.html"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("reports/latest.html").path))
    }

    @Test("A5: a rule tail with >= shows >= 0.8 in import and prompts list")
    func ruleOperator() async throws {
        let directory = try await GateWorkspace.make()
        let original = try String(
            contentsOf: try CLI.fixture("rules/current/multiple_alerts_llm_attack_chain_triage_by_host.toml"), encoding: .utf8
        )
        let edited = original.replacingOccurrences(of: "TO_DOUBLE(Esql.confidence) > 0.7", with: "TO_DOUBLE(Esql.confidence) >= 0.8")
        #expect(edited != original)
        let path = directory.appendingPathComponent("ge-rule.toml")
        try edited.write(to: path, atomically: true, encoding: .utf8)
        let imported = try await CLI.run(["prompts", "import-rule", path.path, "--id", "ge-rule"], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("with confidence >= 0.8"), "\(imported.stdout)")
        let list = try await CLI.run(["prompts", "list"], in: directory)
        let row = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("ge-rule@v1") })
        #expect(row.contains(">= 0.8"), "\(row)")
        let mini = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("mini@v1") })
        #expect(mini.contains("> 0.7") && !mini.contains(">= 0.7"))
    }
}
