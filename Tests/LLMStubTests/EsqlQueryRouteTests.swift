import Foundation
import StubTestSupport
import Testing

@Suite("llm-stub ES|QL _query", .boundedResources)
struct EsqlQueryRouteTests {
    static func single(_ literal: String) -> String {
        #"ROW prompt = \#(literal) | COMPLETION triage_result = prompt WITH {"inference_id": "triage-llm"} | KEEP triage_result"#
    }

    static func batched(_ prompts: [String]) -> String {
        let list = prompts.map(esqlString).joined(separator: ", ")
        return #"ROW prompt = [\#(list)] | MV_EXPAND prompt | COMPLETION triage_result = prompt WITH {"inference_id": "triage-llm"} | KEEP prompt, triage_result"#
    }

    @Test("the single form answers one row with the KEEP'd column")
    func singleForm() async throws {
        let stub = try await StubServer()
        let prompt = "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\temp\\l.dmp full"
        let body = decoded(try await stub.post("/_query", json: ["query": Self.single(esqlString(prompt))]))
        #expect(json(body, "columns") as? [[String: String]] == [["name": "triage_result", "type": "keyword"]])
        #expect(json(body, "values") as? [[String]] == [[heuristicAnswer(prompt)]])
        #expect(json(body, "is_partial") as? Bool == false)
    }

    @Test("the batched form answers one row per prompt, in order, with prompt and result")
    func batchedForm() async throws {
        let stub = try await StubServer()
        let prompts = ["vssadmin.exe delete shadows /all /quiet", "C:\\Program Files\\Git\\bin\\git.exe fetch", "nltest /domain_trusts"]
        let response = try await stub.post("/_query", json: ["query": Self.batched(prompts)])
        #expect(response.status == 200)
        let body = decoded(response)
        #expect(json(body, "columns") as? [[String: String]] == [["name": "prompt", "type": "keyword"], ["name": "triage_result", "type": "keyword"]])
        #expect(json(body, "values") as? [[String]] == prompts.map { [$0, heuristicAnswer($0)] })
        #expect(Set(prompts.map(heuristicAnswer)).count > 1)
    }

    @Test("KEEP order decides the column order; keywords are case-insensitive")
    func keepOrder() async throws {
        let stub = try await StubServer(["--answer", "text:A"])
        let query = #"row p = ["x", "y"] | mv_expand p | completion out = p with {"inference_id": "e"} | keep out, p"#
        let body = decoded(try await stub.post("/_query", json: ["query": query]))
        #expect(json(body, "values") as? [[String]] == [["A", "x"], ["A", "y"]])
    }

    @Test("100 prompts are one query; 101 are a 400 verification_exception")
    func rowLimit() async throws {
        let stub = try await StubServer(["--answer", "text:ok"])
        let hundred = try await stub.post("/_query", json: ["query": Self.batched((0..<100).map { "prompt \($0)" })])
        #expect(hundred.status == 200)
        #expect((json(decoded(hundred), "values") as? [[String]])?.count == 100)
        let over = try await stub.post("/_query", json: ["query": Self.batched((0..<101).map { "prompt \($0)" })])
        #expect(over.status == 400)
        #expect(json(decoded(over), "error", "type") as? String == "verification_exception")
        #expect(json(decoded(over), "status") as? Int == 400)
    }

    @Test("unsupported queries are a 400 parsing_exception", arguments: [
        "FROM logs-* | LIMIT 10",
        #"ROW prompt = ["a", "b"] | COMPLETION r = prompt WITH {"inference_id": "x"} | KEEP r"#,
        #"ROW prompt = "a" | COMPLETION r = prompt WITH {"other": "x"} | KEEP r"#,
        #"ROW prompt = "a" | COMPLETION r = prompt WITH {"inference_id": "x"} | KEEP r | LIMIT 1"#,
        #"ROW prompt = "unterminated | COMPLETION r = prompt WITH {"inference_id": "x"} | KEEP r"#,
        #"ROW prompt = "bad \q escape" | COMPLETION r = prompt WITH {"inference_id": "x"} | KEEP r"#,
    ])
    func unsupported(query: String) async throws {
        let stub = try await StubServer(["--answer", "text:ok"])
        let response = try await stub.post("/_query", json: ["query": query])
        #expect(response.status == 400)
        #expect(json(decoded(response), "error", "type") as? String == "parsing_exception")
        #expect(json(decoded(response), "error", "root_cause", 0, "type") as? String == "parsing_exception")
        #expect((json(decoded(response), "error", "reason") as? String)?.hasPrefix("line 1:") == true)
    }

    @Test("a KEEP of an unknown column is a 400 verification_exception")
    func unknownColumn() async throws {
        let stub = try await StubServer(["--answer", "text:ok"])
        let response = try await stub.post("/_query", json: ["query": #"ROW prompt = "a" | COMPLETION r = prompt WITH {"inference_id": "x"} | KEEP nope"#])
        #expect(response.status == 400)
        #expect(json(decoded(response), "error", "type") as? String == "verification_exception")
    }

    @Test("escaped and triple-quoted string literals round-trip exactly")
    func literalsRoundTrip() async throws {
        let stub = try await StubServer(["--answer", "text:ok"])
        let tricky = "cmd.exe /c \"echo \\\"hi\\\" > C:\\temp\\out.txt\"\n\tline2\r\nünïcødé ✓ | KEEP x"
        let escaped = decoded(try await stub.post("/_query", json: ["query": Self.batched([tricky, "plain"])]))
        #expect(json(escaped, "values", 0, 0) as? String == tricky)
        #expect(json(escaped, "values", 1, 0) as? String == "plain")

        let raw = "C:\\Users\\a\\\"quoted\" \\n stays backslash-n"
        let query = #"ROW prompt = [""""# + raw + #"""", "x"] | MV_EXPAND prompt | COMPLETION r = prompt WITH {"inference_id": "x"} | KEEP prompt"#
        let tripleQuoted = decoded(try await stub.post("/_query", json: ["query": query]))
        #expect(json(tripleQuoted, "values", 0, 0) as? String == raw)
    }
}
