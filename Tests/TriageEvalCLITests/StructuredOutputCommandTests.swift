import Foundation
import StubTestSupport
import Testing

/// A JSON prompt with a schema, run by two models on `llm-stub` that differ only in `structured_output`.
@Suite(.boundedResources) struct StructuredOutputCommandTests {
    static let prompt = """
        ---
        id: analyzer
        version: v1
        entity: host
        output:
          format: json
          schema: v1.schema.json
        ---
        --- system ---
        You triage host alerts. Answer with one JSON object: verdict, confidence, summary.
        --- user ---
        Host {{host_name}} ran: {{cmdlines_str}}

        """

    static let schema = """
        {"type": "object", "properties": {"verdict": {"type": "string", "enum": ["TP", "FP", "SUSPICIOUS"]},
         "confidence": {"type": "number"}, "summary": {"type": "string"}},
         "required": ["verdict", "confidence", "summary"], "additionalProperties": false}
        """

    /// The workspace with the prompt and its schema file, and models `plain` and `schema` on `stub`.
    static func workspace(stub: StubServer, structured: String = "structured_output: true") throws -> URL {
        let directory = try CLI.workspace()
        let prompts = directory.appendingPathComponent("prompts/analyzer")
        try FileManager.default.createDirectory(at: prompts, withIntermediateDirectories: true)
        try prompt.write(to: prompts.appendingPathComponent("v1.prompt"), atomically: true, encoding: .utf8)
        try schema.write(to: prompts.appendingPathComponent("v1.schema.json"), atomically: true, encoding: .utf8)
        let config = """
            models:
              - {id: plain, provider: openai, model: stub-model, base_url: "\(stub.baseURL)/v1", max_retries: 0}
              - {id: schema, provider: openai, model: stub-model, base_url: "\(stub.baseURL)/v1", max_retries: 0, \(structured)}

            """
        try config.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("only the structured model sends the schema; every report shows parse failures without and with it")
    func sideBySide() async throws {
        // The heuristic stub answers `verdict=… confidence=…` without a schema and a JSON object with one.
        let stub = try await StubServer()
        let directory = try Self.workspace(stub: stub)
        let output = try await CLI.run(["run", "--prompt", "analyzer@v1"], in: directory)
        #expect(output.status == 0, "\(output.stderr)")

        let requests = try await stub.requests()
        let bodies = try requests.map { try #require(try JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any]) }
        let structured = bodies.filter { $0["response_format"] != nil }
        #expect(!structured.isEmpty && structured.count * 2 == bodies.count)
        let format = try #require(structured.first?["response_format"] as? [String: Any])
        let jsonSchema = try #require(format["json_schema"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema" && jsonSchema["name"] as? String == "analyzer" && jsonSchema["strict"] as? Bool == true)
        let n = structured.count

        let markdown = try String(contentsOf: directory.appendingPathComponent("reports/latest.md"), encoding: .utf8)
        #expect(markdown.contains("## Structured outputs"))
        #expect(markdown.contains("| analyzer@<!-- -->v1 | plain | \(n) / \(n) (100.0%) | schema | 0 / \(n) (0.0%) |"), "\(markdown)")
        let html = try String(contentsOf: directory.appendingPathComponent("reports/latest.html"), encoding: .utf8)
        #expect(html.contains("id=\"structured\""))
        let json = try Data(contentsOf: directory.appendingPathComponent("reports/latest.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let pairs = try #require(report["structured_outputs"] as? [[String: Any]])
        #expect(pairs.count == 1)
        let without = try #require(pairs.first?["without"] as? [String: Any]), with = try #require(pairs.first?["with"] as? [String: Any])
        #expect(without["model"] as? String == "plain" && without["strict_failures"] as? Int == n && without["strict_failure_rate"] as? Double == 1)
        #expect(with["model"] as? String == "schema" && with["strict_failures"] as? Int == 0 && with["answered"] as? Int == n)
    }

    @Test("models differing in more than structured_output are not paired; a run without a pair has no section")
    func noPair() async throws {
        let stub = try await StubServer()
        let directory = try Self.workspace(stub: stub, structured: "structured_output: true, params: {temperature: 0}")
        let output = try await CLI.run(["run", "--prompt", "analyzer@v1"], in: directory)
        #expect(output.status == 0, "\(output.stderr)")
        let markdown = try String(contentsOf: directory.appendingPathComponent("reports/latest.md"), encoding: .utf8)
        #expect(!markdown.contains("## Structured outputs"))
        let json = try Data(contentsOf: directory.appendingPathComponent("reports/latest.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect((report["structured_outputs"] as? [Any])?.isEmpty == true)
    }

    @Test("structured_output on esql-completion is a config error at load (exit 2)")
    func refusedAtLoad() async throws {
        let directory = try CLI.workspace()
        try """
            models:
              - {id: es, provider: esql-completion, base_url: "http://127.0.0.1:9", inference_id: x, structured_output: true}

            """.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        let output = try await CLI.run(["run"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr.contains("models[0].structured_output: model \"es\": provider esql-completion cannot send a JSON schema"), "\(output.stderr)")
    }

    @Test("run --resume sends the schema the run recorded, not the schema file as edited since")
    func resumeUsesRecordedSchema() async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", "500"])
        let directory = try Self.workspace(stub: stub)
        let config = directory.appendingPathComponent("triage-eval.yaml")
        try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "max_retries: 0,", with: "max_retries: 0, circuit_breaker: 0,")
            .write(to: config, atomically: true, encoding: .utf8)
        let first = try await CLI.run(["run", "--prompt", "analyzer@v1", "--model", "schema"], in: directory)
        #expect(first.status == 3, "\(first.stderr)")
        try await stub.reset()
        try Self.schema.replacingOccurrences(of: "\"summary\": {\"type\": \"string\"}", with: "\"summary\": {\"type\": \"integer\"}")
            .write(to: directory.appendingPathComponent("prompts/analyzer/v1.schema.json"), atomically: true, encoding: .utf8)
        let resumed = try await CLI.run(["run", "--resume", "1"], in: directory)
        #expect(resumed.status == 3, "\(resumed.stderr)")
        let requests = try await stub.requests()
        #expect(!requests.isEmpty)
        for request in requests {
            let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
            let format = try #require(body["response_format"] as? [String: Any])
            let schema = try #require((format["json_schema"] as? [String: Any])?["schema"] as? [String: Any])
            let summary = (schema["properties"] as? [String: Any])?["summary"] as? [String: Any]
            #expect(summary?["type"] as? String == "string")
        }
    }

    @Test("try shows the schema a structured model sends, and nothing for a model that sends none")
    func tryShowsSchema() async throws {
        let stub = try await StubServer()
        let directory = try Self.workspace(stub: stub)
        let arguments = ["try", "--prompt", "analyzer@v1", "--case", "certutil-urlcache-download-exec-01", "--model"]
        let structured = try await CLI.run(arguments + ["schema"], in: directory)
        #expect(structured.status == 0, "\(structured.stderr)")
        #expect(structured.stdout.contains("── JSON schema sent with structured outputs (name analyzer, "))
        #expect(structured.stdout.contains("── strict parse"))
        let plain = try await CLI.run(arguments + ["plain"], in: directory)
        #expect(!plain.stdout.contains("JSON schema sent"))
    }
}
