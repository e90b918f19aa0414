import Foundation
import Testing
import TriageEval
import TriageEvalStore

/// DISSECT prompts moved onto the declared-fields layer without changing a single result.
///
/// `Tests/Fixtures/decision-baseline` was produced by `generate.py` with main's `triage-eval` from before the
/// change (main at 68204a3): it ran this same workspace (the CLI fixture workspace, the heuristic, the
/// simulated answers and a file of hand-written format slips, all offline) and read every result's strict
/// and lenient parse and both decisions straight from the SQLite store (sqlite3, not this code), each run's
/// JSON report `results`, and each case's content hash. Nothing on the expected side comes from the code
/// under test.
@Suite(.serialized) struct DecisionBaselineTests {
    static func baseline(_ name: String) throws -> URL {
        try CLI.fixture("decision-baseline").appendingPathComponent(name)
    }

    /// The workspace `generate.py` ran, run again by this build the same way.
    static func runWorkspace() async throws -> URL {
        let directory = try CLI.workspace()
        for name in ["simulated-answers.jsonl", "slip-answers.jsonl"] {
            try FileManager.default.copyItem(at: try baseline(name), to: directory.appendingPathComponent(name))
        }
        let config = directory.appendingPathComponent("triage-eval.yaml")
        let models = "  - id: simulated\n    provider: replay\n    path: simulated-answers.jsonl\n  - id: slips\n    provider: replay\n    path: slip-answers.jsonl\n"
        try (try String(contentsOf: config, encoding: .utf8) + models).write(to: config, atomically: true, encoding: .utf8)
        let first = try await CLI.run(["run", "--model", "heuristic", "--model", "simulated", "--quiet"], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let slipCases = try String(contentsOf: try baseline("slip-answers.jsonl"), encoding: .utf8).split(separator: "\n").map { line in
            ((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["case_id"] as? String) ?? ""
        }
        let second = try await CLI.run(["run", "--model", "slips", "--quiet"] + slipCases.flatMap { ["--case", $0] }, in: directory)
        #expect(second.status == 0, "\(second.stderr)")
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
        for run in [Int64(1), 2] {
            for result in try await store.results(run: run) {
                let key = "\(run) \(result.prompt) \(result.model) \(result.caseID) \(result.key.row) \(result.key.sample)"
                actual[key] = try Self.canonical([
                    "strict": Self.json(result.evaluation.strict), "lenient": Self.json(result.evaluation.lenient),
                    "alert": result.evaluation.alert, "lenient_alert": result.evaluation.lenientAlert, "error": result.evaluation.error ?? NSNull(),
                ] as [String: Any])
            }
        }
        let lines = try String(contentsOf: try Self.baseline("expected-results.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 339)
        #expect(actual.count == lines.count)
        var compared = 0
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let key = "\(object["run"]!) \(object["prompt"]!) \(object["model"]!) \(object["case_id"]!) \(object["row"]!) \(object["sample"]!)"
            let expected = try Self.canonical(["strict": object["strict"]!, "lenient": object["lenient"]!, "alert": object["alert"]!, "lenient_alert": object["lenient_alert"]!, "error": object["error"]!])
            #expect(actual[key] == expected, "\(key)")
            compared += 1
        }
        #expect(compared == 339)

        // Every metric of each run's JSON report.
        for run in [1, 2] {
            let report = try JSONSerialization.jsonObject(with: try Data(contentsOf: directory.appendingPathComponent("reports/run-\(run).json"))) as? [String: Any]
            let results = try #require(report?["results"])
            let expected = try JSONSerialization.jsonObject(with: try Data(contentsOf: try Self.baseline("expected-report-run\(run).json")))
            #expect(try Self.canonical(results) == Self.canonical(expected), "run \(run)")
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
        #expect(seen == hashes.count)
    }
}
