import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalProviders

private let provider = EsqlCompletionProvider(transport: UnusedTransport(), baseURL: "https://es:9200", inferenceID: "openai-completion", auth: .apiKey(Secret("k")))

@Suite("ES|QL COMPLETION provider")
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
        let stub = try StubServer(["--answer", "text:verdict=TP confidence=0.8 summary=x"])
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
