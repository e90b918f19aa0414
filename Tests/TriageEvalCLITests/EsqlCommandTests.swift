import Foundation
import StubTestSupport
import Testing

/// `triage-eval esql`: the article's "Testing with ROW" query, run locally with a model answering COMPLETION.
@Suite(.boundedResources) struct EsqlCommandTests {
    static let joined = "esql/article-row-query.esql"
    static let printed = "esql/article-row-query.printed.esql"

    func workspace(_ config: String) throws -> URL {
        let directory = Scratch.url("triage-eval-esql")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try config.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func articleRowQueryRunsWithTheHeuristicModel() async throws {
        let directory = try workspace("models:\n  - id: heuristic\n    provider: heuristic\n")
        let output = try await CLI.run(
            ["esql", "--query-file", try TestFixtures.path(Self.joined), "--model", "heuristic", "--format", "json"], in: directory
        )
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let columns = try #require(object["columns"] as? [[String: String]])
        #expect(columns.map { $0["name"] } == ["verdict", "confidence", "summary", "triage_result"])
        let values = try #require(object["values"] as? [[Any]])
        #expect(values.count == 1)
        let row = try #require(values.first as? [String])
        // The heuristic answers in the DISSECT's format, and DISSECT splits its answer back into the columns.
        #expect(row[3] == "verdict=\(row[0]) confidence=\(row[1]) summary=\(row[2])")
        #expect(row[0] == "TP")
    }

    @Test func articleRowQueryRunsAgainstTheStub() async throws {
        let stub = try await StubServer(["--answer", "text:verdict=FP confidence=0.91 summary=stub says benign, \"quoted\""])
        let directory = try workspace("""
            models:
              - id: stub
                provider: openai
                model: stub-model
                base_url: \(stub.baseURL)/v1
                max_retries: 0

            """)
        let output = try await CLI.run(["esql", "--query-file", try TestFixtures.path(Self.joined), "--model", "stub", "--format", "csv"], in: directory)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(
            output.stdout == """
                verdict,confidence,summary,triage_result\r
                FP,0.91,"stub says benign, ""quoted""\","verdict=FP confidence=0.91 summary=stub says benign, ""quoted""\"

                """
        )
    }

    @Test func printedArticleQueryFailsOnTheLineOfTheFirstBrokenLiteral() async throws {
        let directory = try workspace("models:\n  - id: heuristic\n    provider: heuristic\n")
        let path = try TestFixtures.path(Self.printed)
        let output = try await CLI.run(["esql", "--query-file", path, "--model", "heuristic"], in: directory)
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(
            output.stderr == """
                error: \(path):1: token recognition error at: '"Host: test-host | Alert count: 5 | Time…': \
                a string literal cannot hold a line break (neither "…" nor \"""…\"""); join the line or write \\n

                """
        )
    }

    @Test func fromReadsItsIndexFromDocumentsWithMetadata() async throws {
        let directory = try workspace("models: []\n")
        let documents = directory.appendingPathComponent("docs.ndjson")
        try """
            {"_index": ".internal.alerts-security.alerts-default-000001", "_id": "a1", "_version": 3, "_source": {"host": {"name": "web-1"}, "kibana.alert.risk_score": 73}}
            {"_index": "logs-endpoint.events.process-default", "_id": "p1", "_source": {"host": {"name": "web-2"}}}
            {"host.name": "db-1", "kibana.alert.risk_score": 21}

            """.write(to: documents, atomically: true, encoding: .utf8)
        let query = "FROM .internal.alerts-security.*, .alerts-security.* METADATA _id, _version, _index | KEEP _id, _version, host.name | SORT host.name"
        let output = try await CLI.run(["esql", query, "--documents", documents.path, "--index", ".alerts-security.alerts-default"], in: directory)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(
            output.stdout == """
                _id   _version  host.name
                ────  ────────  ─────────
                null  null      db-1
                a1    3         web-1

                """
        )
    }

    @Test func completionWithoutAModelIsAUsageError() async throws {
        let directory = try workspace("models: []\n")
        let output = try await CLI.run(["esql", "ROW p = \"x\"\n| COMPLETION r = p WITH {\"inference_id\": \"e\"}"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr == "error: the query has a COMPLETION (line 2): name the model that answers it with --model\n")
    }
}
