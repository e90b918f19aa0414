import Foundation
import StubTestSupport
import Synchronization
import Testing
import TriageEval
@testable import TriageEvalProviders

/// The batch wire formats against the providers' documented examples (`Tests/Fixtures/providers/batch/`,
/// sources in its `SOURCES.md`): request bodies equal the documented ones, documented responses map to answers.
@Suite struct BatchWireTests {
    static func fixture(_ name: String) throws -> Data { try TestFixtures.data("providers/batch/\(name)") }

    /// Both sides parsed, so key order and whitespace do not matter, every key and value does.
    static func sameJSON(_ left: Data, _ right: Data) throws -> Bool {
        let a = try JSONSerialization.jsonObject(with: left) as? NSObject
        let b = try JSONSerialization.jsonObject(with: right) as? NSObject
        return a != nil && a == b
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func request(_ prompt: String, system: String? = nil) -> CompletionRequest {
        CompletionRequest(prompt: prompt, system: system, caseID: "c", sample: 0, output: .esqlTriage)
    }

    static func lines(_ name: String) throws -> [[String: Any]] {
        BatchWire.lines(try fixture(name))
    }

    @Test func openAIInputLineEqualsTheDocumentedLine() throws {
        // The documented line names `max_tokens` (OpenAI-compatible servers); at api.openai.com the field is
        // `max_completion_tokens`, as for a single request.
        let provider = OpenAIProvider(
            transport: UnusedTransport(), baseURL: "http://localhost:8000/v1", model: "gpt-3.5-turbo-0125", apiKey: nil,
            params: ModelConfig.Parameters(maxTokens: 1000)
        )
        let jobs = OpenAIBatchJobs(flavor: .openAI(provider))
        let line = try jobs.line(BatchRequestItem(customID: "request-1", request: Self.request("Hello world!", system: "You are a helpful assistant.")))
        #expect(try Self.sameJSON(Data(line.utf8), try Self.fixture("openai_input_line.jsonl")))
        #expect(try Self.sameJSON(jobs.createBody(inputFileID: "file-abc123"), try Self.fixture("openai_create_batch.json")))
        let official = OpenAIBatchJobs(flavor: .openAI(OpenAIProvider(
            transport: UnusedTransport(), model: "gpt-4o-mini", apiKey: Secret("sk-x"), params: ModelConfig.Parameters(maxTokens: 5)
        )))
        let body = try Self.object(Data(try official.line(BatchRequestItem(customID: "a", request: Self.request("p"))).utf8))["body"] as? [String: Any]
        #expect(body?["max_completion_tokens"] as? Int == 5 && body?["max_tokens"] == nil)
        #expect(try official.url("/batches").absoluteString == "https://api.openai.com/v1/batches")
    }

    @Test func azureLineNamesTheGlobalBatchDeploymentAndUsesTheApiVersion() throws {
        let provider = AzureOpenAIProvider(
            transport: UnusedTransport(), baseURL: "https://aoairesource.openai.azure.com",
            route: .deployment(name: "REPLACE-WITH-MODEL-DEPLOYMENT-NAME", apiVersion: "2024-10-21"), auth: .apiKey(Secret("k")),
            params: ModelConfig.Parameters()
        )
        let jobs = OpenAIBatchJobs(flavor: .azure(provider))
        let line = try jobs.line(BatchRequestItem(
            customID: "task-0", request: Self.request("When was Microsoft founded?", system: "You are an AI assistant that helps people find information.")
        ))
        #expect(try Self.sameJSON(Data(line.utf8), try Self.fixture("azure_input_line.jsonl")))
        #expect(try jobs.url("/batches").absoluteString == "https://aoairesource.openai.azure.com/openai/batches?api-version=2024-10-21")
        #expect(try jobs.url("/files/f1/content").absoluteString == "https://aoairesource.openai.azure.com/openai/files/f1/content?api-version=2024-10-21")
        let created = try Self.object(jobs.createBody(inputFileID: "file-1"))
        #expect(created["endpoint"] as? String == "/chat/completions" && created["completion_window"] as? String == "24h")
        let v1 = OpenAIBatchJobs(flavor: .azure(AzureOpenAIProvider(
            transport: UnusedTransport(), baseURL: "https://r.openai.azure.com", route: .v1(model: "gpt-4o-batch"), auth: .apiKey(Secret("k")),
            params: ModelConfig.Parameters()
        )))
        #expect(try v1.url("/batches").absoluteString == "https://r.openai.azure.com/openai/v1/batches")
    }

    @Test func anthropicCreateBodyEqualsTheDocumentedBody() throws {
        let provider = AnthropicProvider(
            transport: UnusedTransport(), model: "claude-opus-4-20250514", apiKey: Secret("k"), params: ModelConfig.Parameters(maxTokens: 1024)
        )
        let body = try AnthropicBatchJobs(provider: provider).createBody([
            BatchRequestItem(customID: "my-first-request", request: Self.request("Hello, world")),
            BatchRequestItem(customID: "my-second-request", request: Self.request("Hi again, friend")),
        ])
        #expect(try Self.sameJSON(body, try Self.fixture("anthropic_create_batch.json")))
    }

    @Test func geminiCreateBodyEqualsTheDocumentedInlineRequests() throws {
        let provider = GeminiProvider(transport: UnusedTransport(), model: "gemini-2.5-flash", apiKey: Secret("k"), params: ModelConfig.Parameters())
        let body = try GeminiBatchJobs(provider: provider).createBody([
            BatchRequestItem(customID: "request-1", request: Self.request("Describe the process of photosynthesis.")),
            BatchRequestItem(customID: "request-2", request: Self.request("Describe the process of photosynthesis.")),
        ])
        // Two differences from the guide's REST example, both deliberate: our display name, and `role: user` on
        // each content (the guide's Python inline example has it; Vertex requires it; Gemini accepts it).
        var documented = try Self.object(try Self.fixture("gemini_create_batch.json"))
        var batch = try #require(documented["batch"] as? [String: Any])
        batch["display_name"] = "triage-eval"
        var input = try #require(batch["input_config"] as? [String: Any])
        var requests = try #require((input["requests"] as? [String: Any])?["requests"] as? [[String: Any]])
        for index in requests.indices {
            var request = try #require(requests[index]["request"] as? [String: Any])
            let contents = try #require(request["contents"] as? [[String: Any]])
            request["contents"] = contents.map { content in content.merging(["role": "user"]) { $1 } }
            requests[index]["request"] = request
        }
        input["requests"] = ["requests": requests]
        batch["input_config"] = input
        documented["batch"] = batch
        #expect(try Self.sameJSON(body, try JSONSerialization.data(withJSONObject: documented)))
    }

    @Test func openAIBatchObjectAndFilesMapToStatesAndAnswers() throws {
        let status = OpenAIBatchJobs.status(try Self.object(try Self.fixture("openai_batch_object.json")))
        #expect(status.ended && status.providerState == "completed")
        #expect(status.total == 100 && status.succeeded == 95 && status.failed == 5)
        #expect(status.resultRefs == ["file-cvaTdG", "file-HOWS94"])
        let jobs = OpenAIBatchJobs(flavor: .openAI(OpenAIProvider(transport: UnusedTransport(), model: "m", apiKey: nil, params: ModelConfig.Parameters())))
        let output = try Self.lines("openai_output.jsonl")
        #expect(jobs.outcome(of: output[0]) == .answered(CompletionResponse(text: "Hello.", inputTokens: 22, outputTokens: 2)))
        #expect(output[1]["custom_id"] as? String == "request-1")
        guard case .retry(let reason) = jobs.outcome(of: try Self.lines("openai_error_expired.jsonl")[0]) else {
            Issue.record("an expired request must be resubmitted")
            return
        }
        #expect(reason.contains("batch_expired"))
        // A line answered with an error status is mapped like the single request's error: 400 is final, 500 retried.
        let invalid: [String: Any] = ["custom_id": "x", "response": ["status_code": 400, "body": ["error": ["message": "bad", "type": "invalid_request_error"]]]]
        guard case .failed(let error) = jobs.outcome(of: invalid) else { Issue.record("a 400 line must be a final failure"); return }
        #expect(error.cause == .badRequest)
        let server: [String: Any] = ["custom_id": "y", "response": ["status_code": 500, "body": ["error": ["message": "oops", "type": "server_error"]]]]
        guard case .retry = jobs.outcome(of: server) else { Issue.record("a 500 line must be resubmitted"); return }
    }

    @Test func anthropicBatchAndResultsMapToStatesAndAnswers() throws {
        let status = AnthropicBatchJobs.status(try Self.object(try Self.fixture("anthropic_batch_in_progress.json")))
        #expect(!status.ended && status.providerState == "in_progress" && status.total == 2 && status.succeeded == 0)
        let jobs = AnthropicBatchJobs(provider: AnthropicProvider(transport: UnusedTransport(), model: "m", apiKey: Secret("k"), params: ModelConfig.Parameters()))
        let results = try Self.lines("anthropic_results.jsonl")
        guard case .answered(let answer) = jobs.outcome(of: try #require(results[1]["result"] as? [String: Any])) else {
            Issue.record("a succeeded result is an answer")
            return
        }
        #expect(answer.text.hasPrefix("Hello! How can I assist you today?") && answer.inputTokens == 10 && answer.outputTokens == 34)
        guard case .retry = jobs.outcome(of: ["type": "expired"]) else { Issue.record("expired is resubmitted"); return }
        guard case .retry = jobs.outcome(of: ["type": "canceled"]) else { Issue.record("canceled is resubmitted"); return }
        let invalid: [String: Any] = ["type": "errored", "error": ["type": "error", "error": ["type": "invalid_request_error", "message": "max_tokens: Field required"]]]
        guard case .failed(let error) = jobs.outcome(of: invalid) else { Issue.record("an invalid request is final"); return }
        #expect(error.message.contains("max_tokens"))
    }

    @Test func geminiOperationMapsStateCountsAndInlineResponses() throws {
        let jobs = GeminiBatchJobs(provider: GeminiProvider(transport: UnusedTransport(), model: "m", apiKey: Secret("k"), params: ModelConfig.Parameters()))
        let status = jobs.status(try Self.object(try Self.fixture("gemini_operation_done.json")))
        #expect(status.ended && status.providerState == "BATCH_STATE_SUCCEEDED" && status.total == 2 && status.succeeded == 1 && status.failed == 1)
        guard case .answered(let answer) = status.inline?["request-1"] else { Issue.record("request-1 is answered"); return }
        #expect(answer.text.hasPrefix("Photosynthesis") && answer.inputTokens == 6 && answer.outputTokens == 14)
        guard case .retry = status.inline?["request-2"] else { Issue.record("a 500 is resubmitted"); return }
        let running = jobs.status(["name": "batches/1", "metadata": ["state": "JOB_STATE_RUNNING"], "done": false])
        #expect(!running.ended && running.inline == nil)
    }

    /// Records every request and answers from a script keyed by method and path.
    final class ScriptedTransport: HTTPTransport {
        let sent = Mutex<[HTTPRequest]>([])
        let script: @Sendable (HTTPRequest) -> HTTPResponse

        init(_ script: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.script = script }

        func send(_ request: HTTPRequest) async throws(ProviderError) -> HTTPResponse {
            sent.withLock { $0.append(request) }
            return script(request)
        }
    }

    @Test func openAISubmitUploadsTheJSONLThenCreatesTheBatch() async throws {
        let transport = ScriptedTransport { request in
            let body = request.url.path.hasSuffix("/files") ? #"{"id":"file-1","object":"file","purpose":"batch"}"# : #"{"id":"batch_1","object":"batch","status":"validating"}"#
            return HTTPResponse(status: 200, body: Data(body.utf8))
        }
        let provider = OpenAIProvider(transport: transport, model: "gpt-4o-mini", apiKey: Secret("sk-secret"), params: ModelConfig.Parameters())
        let submission = try await OpenAIBatchJobs(flavor: .openAI(provider)).submit([
            BatchRequestItem(customID: "te1-0", request: Self.request("one")), BatchRequestItem(customID: "te1-1", request: Self.request("two")),
        ])
        #expect(submission == BatchSubmission(id: "batch_1", inputFileID: "file-1"))
        let sent = transport.sent.withLock { $0 }
        #expect(sent.map { "\($0.method) \($0.url.absoluteString)" } == ["POST https://api.openai.com/v1/files", "POST https://api.openai.com/v1/batches"])
        let upload = String(decoding: sent[0].body, as: UTF8.self)
        #expect(upload.contains("name=\"purpose\"\r\n\r\nbatch\r\n"))
        #expect(upload.contains("\"custom_id\":\"te1-0\"") && upload.contains("\"custom_id\":\"te1-1\""))
        #expect(sent[0].headers.contains { $0.name == "Content-Type" && $0.value.hasPrefix("multipart/form-data; boundary=") })
        #expect(sent.allSatisfy { $0.headers.contains { $0.name == "Authorization" && $0.value == "Bearer sk-secret" } })
    }

    @Test func batchErrorsLeaveTheKeyBehind() async throws {
        let transport = ScriptedTransport { _ in
            HTTPResponse(status: 401, body: Data(#"{"error":{"message":"Incorrect API key provided: sk-leaky-123","type":"invalid_request_error","code":"invalid_api_key"}}"#.utf8))
        }
        let model = ModelConfig(id: "gpt", provider: .openai, model: "gpt-4o-mini", apiKeyEnv: "TEST_KEY")
        let provider = try ProviderFactory.make(model, directory: "/tmp", environment: ["TEST_KEY": "sk-leaky-123"], transport: transport)
        let jobs = try #require(BatchJobs.make(for: provider))
        let error = await #expect(throws: ProviderError.self) { _ = try await jobs.submit([BatchRequestItem(customID: "a", request: Self.request("p"))]) }
        #expect(error?.message.contains("sk-leaky-123") == false)
        #expect(error?.message.contains(SecretRedactor.mask) == true)
        #expect(BatchJobs.make(for: try ProviderFactory.make(ModelConfig(id: "h", provider: .heuristic), directory: "/tmp")) == nil)
    }
}
