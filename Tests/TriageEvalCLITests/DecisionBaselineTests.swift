import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalStore

/// DISSECT prompts moved onto the declared-fields layer without changing a single result.
///
/// `Tests/Fixtures/decision-baseline` was produced by `generate.py` with main's `triage-eval` from before the
/// change (main at 68204a3): it ran this same workspace (the CLI fixture workspace's prompts and cases, four
/// detection rules imported as prompts, the curl dataset's document cases; the heuristic, the simulated
/// answers and a file of hand-written format slips, all offline) and read every result's strict and lenient
/// parse and both decisions straight from the SQLite store (sqlite3, not this code), each run's JSON report
/// (results, rule economics, documents) and each case's content hash. Nothing on the expected side comes
/// from the code under test.
@Suite(.serialized, .boundedResources) struct DecisionBaselineTests {
    static func baseline(_ name: String) throws -> URL {
        try CLI.fixture("decision-baseline").appendingPathComponent(name)
    }

    /// The detection rules `generate.py` imports, and the prompts the replayed answers judge.
    static let rules = [
        "first-release/multiple_alerts_llm_attack_chain_triage_by_host.toml", "current/multiple_alerts_llm_attack_chain_triage_by_host.toml",
        "current/multiple_alerts_llm_compromised_user_triage.toml", "current/command_and_control_curl_activity_llm_triage.toml",
    ]
    static let replayedPrompts = ["host-triage", "user-triage", "multiple_alerts_llm_attack_chain_triage_by_host", "multiple_alerts_llm_compromised_user_triage"]

    /// The workspace `generate.py` ran, run again by this build the same way.
    static func runWorkspace() async throws -> URL {
        let directory = try CLI.workspace()
        for name in ["simulated-answers.jsonl", "slip-answers.jsonl"] {
            try FileManager.default.copyItem(at: try baseline(name), to: directory.appendingPathComponent(name))
        }
        let config = directory.appendingPathComponent("triage-eval.yaml")
        let models = "  - id: simulated\n    provider: replay\n    path: simulated-answers.jsonl\n  - id: slips\n    provider: replay\n    path: slip-answers.jsonl\n"
        try (try String(contentsOf: config, encoding: .utf8) + models).write(to: config, atomically: true, encoding: .utf8)
        func tool(_ arguments: [String]) async throws {
            let output = try await CLI.run(arguments, in: directory)
            #expect(output.status == 0, "\(arguments): \(output.stderr)")
        }
        for rule in rules {
            try await tool(["prompts", "import-rule", try CLI.fixture("rules/\(rule)").path])
        }
        try await tool(["cases", "import", try CLI.fixture("datasets/curl-events.jsonl").path, "--mapping", try CLI.fixture("datasets/curl-events.mapping.yaml").path])
        let prompts = replayedPrompts.flatMap { ["--prompt", $0] }
        try await tool(["run", "--model", "heuristic", "--quiet"])
        try await tool(["run", "--model", "simulated", "--quiet"] + prompts)
        let slipCases = try String(contentsOf: try baseline("slip-answers.jsonl"), encoding: .utf8).split(separator: "\n").map { line in
            ((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["case_id"] as? String) ?? ""
        }
        try await tool(["run", "--model", "slips", "--quiet"] + prompts + slipCases.flatMap { ["--case", $0] })
        return directory
    }

    /// A parse as `generate.py` wrote it (null as `NSNull`).
    static func json(_ answer: ParsedAnswer?) -> Any {
        guard let answer else { return NSNull() }
        return [
            "status": answer.status.rawValue, "rawVerdict": answer.rawVerdict ?? NSNull(), "verdict": answer.verdict ?? NSNull(),
            "rawConfidence": answer.rawConfidence ?? NSNull(), "confidence": answer.confidence ?? NSNull(), "summary": answer.summary ?? NSNull(),
            "flags": answer.flags.map(\.rawValue),
        ] as [String: Any]
    }

    /// Canonical text of a JSON value (sorted keys).
    static func canonical(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    @Test func everyStoredDecisionAndMetricIsUnchanged() async throws {
        let directory = try await Self.runWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }

        // Every result: strict and lenient parse, both decisions, the error.
        let store = try Store(path: directory.appendingPathComponent(".triage-eval/store.sqlite").path)
        var actual: [String: String] = [:]
        for run in [Int64(1), 2, 3] {
            for result in try await store.results(run: run) {
                // A row of a rule's execution is its own item, `id[row key]`.
                let key = "\(run) \(result.prompt) \(result.model) \(result.caseID) \(result.key.sample)"
                actual[key] = try Self.canonical([
                    "strict": Self.json(result.evaluation.strict), "lenient": Self.json(result.evaluation.lenient),
                    "alert": result.evaluation.alert, "lenient_alert": result.evaluation.lenientAlert, "error": result.evaluation.error ?? NSNull(),
                ] as [String: Any])
            }
        }
        let lines = try String(contentsOf: try Self.baseline("expected-results.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 680)
        #expect(actual.count == lines.count)
        var compared = 0
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let row = object["row"] as? String ?? ""
            let caseID = row.isEmpty ? "\(object["case_id"]!)" : "\(object["case_id"]!)[\(row)]"
            let key = "\(object["run"]!) \(object["prompt"]!) \(object["model"]!) \(caseID) \(object["sample"]!)"
            let expected = try Self.canonical(["strict": object["strict"]!, "lenient": object["lenient"]!, "alert": object["alert"]!, "lenient_alert": object["lenient_alert"]!, "error": object["error"]!])
            #expect(actual[key] == expected, "\(key)")
            compared += 1
        }
        #expect(compared == 680)

        // Every metric, sweep, format-loss figure and case list of each run's JSON report, and its rule economics.
        for run in [1, 2, 3] {
            let report = try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: directory.appendingPathComponent("reports/run-\(run).json"))) as? [String: Any])
            let expected = try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: try Self.baseline("expected-report-run\(run).json"))) as? [String: Any])
            for key in ["results", "rule_economics", "documents"] {
                #expect(try Self.canonical(try #require(report[key])) == Self.canonical(try #require(expected[key])), "run \(run) \(key)")
            }
        }

        // Case content hashes (`expected:` absent) are what main stored.
        let hashes = try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: try Self.baseline("case-hashes.json"))) as? [String: String])
        var seen = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("cases").path) where file.hasSuffix(".yaml") {
            let text = try String(contentsOf: directory.appendingPathComponent("cases/\(file)"), encoding: .utf8)
            for item in try CaseFileParser.parse(text, file: file) {
                #expect(item.contentHash == hashes[item.id], "\(item.id)")
                seen += 1
            }
        }
        // The case files' 87 cases (the other two are the dataset's, compared through the results above).
        #expect(seen == 87 && hashes.count == 89)
    }
}
