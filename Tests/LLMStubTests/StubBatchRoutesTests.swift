import Foundation
import StubTestSupport
import Testing

/// llm-stub's batch endpoints refuse what the providers refuse, and answer each request as the normal route would.
@Suite(.boundedResources) struct StubBatchRoutesTests {
    static func multipart(purpose: String, file: String) -> Data {
        Data("--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n\(purpose)\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n\(file)\r\n--b--\r\n".utf8)
    }

    static func upload(_ stub: StubServer, purpose: String = "batch", file: String) async throws -> StubResponse {
        try await stub.send("POST", "/v1/files", body: multipart(purpose: purpose, file: file), headers: ["Content-Type": "multipart/form-data; boundary=b"])
    }

    static let line = #"{"custom_id":"r1","method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[{"role":"user","content":"hello"}]}}"#

    @Test func openAIBatchRunsItsLinesThroughTheChatRoute() async throws {
        let stub = try await StubServer(["--answer", "text:verdict=FP confidence=0.1 summary=x"])
        #expect(try await Self.upload(stub, purpose: "fine-tune", file: Self.line).status == 400)
        let file = try #require(try await Self.upload(stub, file: Self.line).json?["id"] as? String)
        let wrongEndpoint = try await stub.post("/v1/batches", json: ["input_file_id": file, "endpoint": "/v1/completions", "completion_window": "24h"])
        #expect(wrongEndpoint.status == 400)
        let wrongWindow = try await stub.post("/v1/batches", json: ["input_file_id": file, "endpoint": "/v1/chat/completions", "completion_window": "1h"])
        #expect(wrongWindow.status == 400)
        let created = try await stub.post("/v1/batches", json: ["input_file_id": file, "endpoint": "/v1/chat/completions", "completion_window": "24h"])
        #expect(created.json?["status"] as? String == "validating")
        let id = try #require(created.json?["id"] as? String)
        let polled = try await stub.send("GET", "/v1/batches/\(id)")
        #expect(polled.json?["status"] as? String == "completed")
        let output = try #require(polled.json?["output_file_id"] as? String)
        let content = try await stub.send("GET", "/v1/files/\(output)/content")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(content.text.split(separator: "\n")[0].utf8)) as? [String: Any])
        #expect(result["custom_id"] as? String == "r1")
        let body = (result["response"] as? [String: Any])?["body"] as? [String: Any]
        let message = ((body?["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"] as? String
        #expect(message == "verdict=FP confidence=0.1 summary=x")
    }

    @Test func aLineWithTheWrongURLFailsTheBatch() async throws {
        let stub = try await StubServer()
        let bad = Self.line.replacingOccurrences(of: "/v1/chat/completions", with: "/v1/embeddings")
        let file = try #require(try await Self.upload(stub, file: bad).json?["id"] as? String)
        let id = try #require(try await stub.post("/v1/batches", json: ["input_file_id": file, "endpoint": "/v1/chat/completions", "completion_window": "24h"]).json?["id"] as? String)
        let polled = try await stub.send("GET", "/v1/batches/\(id)")
        #expect(polled.json?["status"] as? String == "failed")
        #expect(polled.json?["output_file_id"] is NSNull)
    }

    @Test func aDelayedBatchIsInProgressUntilItEnds() async throws {
        let stub = try await StubServer(["--batch-delay-ms", "60000"])
        let created = try await stub.post("/v1/messages/batches", json: [
            "requests": [["custom_id": "a-1", "params": ["model": "m", "max_tokens": 5, "messages": [["role": "user", "content": "hi"]]]]],
        ])
        let id = try #require(created.json?["id"] as? String)
        let polled = try await stub.send("GET", "/v1/messages/batches/\(id)")
        #expect(polled.json?["processing_status"] as? String == "in_progress")
        #expect(polled.json?["results_url"] is NSNull)
        #expect(try await stub.send("GET", "/v1/messages/batches/\(id)/results").status == 404)
    }

    @Test func anthropicAndGeminiRefuseMalformedBatches() async throws {
        let stub = try await StubServer()
        let badID = try await stub.post("/v1/messages/batches", json: [
            "requests": [["custom_id": "has space", "params": ["model": "m", "max_tokens": 5, "messages": [["role": "user", "content": "hi"]]]]],
        ])
        #expect(badID.status == 400)
        let noMaxTokens = try await stub.post("/v1/messages/batches", json: [
            "requests": [["custom_id": "a", "params": ["model": "m", "messages": [["role": "user", "content": "hi"]]]]],
        ])
        #expect(noMaxTokens.status == 400)
        let noInput = try await stub.post("/v1beta/models/gemini-2.5-flash:batchGenerateContent", json: ["batch": ["display_name": "x"]])
        #expect(noInput.status == 400)
        let created = try await stub.post("/v1beta/models/gemini-2.5-flash:batchGenerateContent", json: [
            "batch": ["display_name": "x", "input_config": ["requests": ["requests": [["request": ["contents": [["parts": [["text": "hi"]]]]], "metadata": ["key": "k1"]]]]]],
        ])
        let name = try #require(created.json?["name"] as? String)
        #expect(name.hasPrefix("batches/"))
        let done = try await stub.send("GET", "/v1beta/\(name)")
        #expect(done.json?["done"] as? Bool == true)
        let responses = ((done.json?["response"] as? [String: Any])?["inlinedResponses"] as? [String: Any])?["inlinedResponses"] as? [[String: Any]]
        #expect((responses?.first?["metadata"] as? [String: Any])?["key"] as? String == "k1")
    }
}
