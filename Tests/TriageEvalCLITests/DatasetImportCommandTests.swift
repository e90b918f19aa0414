import Foundation
import StubTestSupport
import Testing

/// `cases import FILE --mapping …`: datasets of one case per line, planned by `run` with a rule over their documents.
@Suite(.serialized, .boundedResources) struct DatasetImportCommandTests {
    func fixture(_ path: String) -> String { (try? CLI.fixture(path).path) ?? "missing fixture \(path)" }

    @Test func aDatasetIsImportedAndARuleOverDocumentsJudgesItsCases() async throws {
        let directory = try CLI.workspace()
        let rule = try await CLI.run(["prompts", "import-rule", fixture("rules/current/command_and_control_curl_activity_llm_triage.toml"), "--id", "curl-rule"], in: directory)
        #expect(rule.status == 0, "\(rule.stderr)")
        let mapping = fixture("datasets/curl-events.mapping.yaml")
        let imported = try await CLI.run(["cases", "import", fixture("datasets/curl-events.jsonl"), "--mapping", mapping], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("2 cases: 2 added, 0 revised, 0 unchanged\n"), "\(imported.stdout)")
        #expect(imported.stdout.contains("2 draft cases skipped until labeled (label: null): curl-unreviewed-01, curl-unreviewed-02"))

        let again = try await CLI.run(["cases", "import", fixture("datasets/curl-events.jsonl"), "--mapping", mapping], in: directory)
        #expect(again.stdout.hasPrefix("2 cases: 0 added, 0 revised, 2 unchanged\n"), "\(again.stdout)")

        // The rule runs over each case's one document: the prompt names the destination the rule parsed from process.args.
        let rendered = try await CLI.run(["render", "--prompt", "curl-rule@v1", "--case", "curl-pipe-sh-01"], in: directory)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.stdout.contains("198.51.100.7"))
        #expect(!rendered.stdout.contains("malicious"))

        let run = try await CLI.run(
            ["run", "--prompt", "curl-rule@v1", "--model", "heuristic", "--scenario", "pipe-to-shell", "--scenario", "health-check", "--quiet"], in: directory
        )
        #expect(run.status == 0, "\(run.stderr)")
        // One result per row the rule's query produced from each case's document (host × destination), with the case's label.
        let results = try await CLI.run(["results", "export", "--run", "1", "--format", "jsonl"], in: directory)
        let rows = results.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = object["case_id"] as? String, let label = object["label"] as? String else { return nil }
            return "\(id) \(label)"
        }
        #expect(rows.sorted() == [
            "curl-health-01[Esql.host_key=ci-01-id, Esql.dest_host=status.corp.example.com] FP",
            "curl-pipe-sh-01[Esql.host_key=web-01-id, Esql.dest_host=198.51.100.7] TP",
        ])
    }

    @Test func flagsGiveTheMappingAndABadLineIsExitTwoWithNothingStored() async throws {
        let directory = try CLI.workspace()
        let flags = ["--id-field", "case.id", "--label-field", "label.value", "--tp-values", "1", "--fp-values", "0", "--document-field", "doc", "--index", "logs-endpoint.events.process-default"]
        let imported = try await CLI.run(["cases", "import", fixture("datasets/flat-binary.ndjson")] + flags, in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("2 cases: 2 added"))
        let list = try await CLI.run(["cases", "list", "--scenario", "flat-binary"], in: directory)
        #expect(list.stdout.contains("bin-1") && list.stdout.contains("bin-2"), "\(list.stdout)")

        let bad = try await CLI.run(["cases", "import", fixture("datasets/bad-label.jsonl"), "--mapping", fixture("datasets/curl-events.mapping.yaml")], in: directory)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(#"bad-label.jsonl:3: triage.verdict: label value "suspicious" is not in the mapping"#), "\(bad.stderr)")
        let after = try await CLI.run(["cases", "list"], in: directory)
        #expect(!after.stdout.contains("a-1"))

        let both = try await CLI.run(["cases", "import", fixture("datasets/flat-binary.ndjson"), "--mapping", fixture("datasets/curl-events.mapping.yaml"), "--id-field", "x"], in: directory)
        #expect(both.status == 2)
        let noLabel = try await CLI.run(["cases", "import", fixture("datasets/flat-binary.ndjson"), "--id-field", "x"], in: directory)
        #expect(noLabel.status == 2)
        #expect(noLabel.stderr.contains("--id-field and --label-field"))
    }

    @Test func exportedDatasetCasesImportBackAsJSONLAndYAML() async throws {
        let source = try CLI.workspace()
        _ = try await CLI.run(["cases", "import", fixture("datasets/hits-tpfp.jsonl"), "--id-field", "case_id", "--label-field", "label"], in: source)
        let exported = try await CLI.run(["cases", "export", "--format", "jsonl", "--scenario", "hits-tpfp"], in: source)
        #expect(exported.status == 0, "\(exported.stderr)")
        let target = try CLI.workspace()
        let file = target.appendingPathComponent("exported.jsonl")
        try exported.stdout.write(to: file, atomically: true, encoding: .utf8)
        let imported = try await CLI.run(["cases", "import", file.path], in: target)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("2 cases: 2 added"))
        let back = try await CLI.run(["cases", "export", "--format", "jsonl", "--scenario", "hits-tpfp"], in: target)
        #expect(back.stdout == exported.stdout)
        #expect(back.stdout.contains(#""_id""#) == false && back.stdout.contains("Xq1b"))

        // The YAML export keeps the documents too, and imports back as the same cases.
        let yaml = try await CLI.run(["cases", "export", "--format", "yaml", "--scenario", "hits-tpfp"], in: source)
        let yamlTarget = try CLI.workspace()
        let yamlFile = yamlTarget.appendingPathComponent("exported.yaml")
        try yaml.stdout.write(to: yamlFile, atomically: true, encoding: .utf8)
        let yamlImported = try await CLI.run(["cases", "import", yamlFile.path], in: yamlTarget)
        #expect(yamlImported.status == 0, "\(yamlImported.stderr)")
        let yamlBack = try await CLI.run(["cases", "export", "--format", "jsonl", "--scenario", "hits-tpfp"], in: yamlTarget)
        #expect(yamlBack.stdout == exported.stdout)
    }
}
