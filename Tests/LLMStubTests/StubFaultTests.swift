import Foundation
import StubTestSupport
import Testing

@Suite("llm-stub faults and fixed replies", .boundedResources)
struct StubFaultTests {
    static var chat: [String: Any] { ["model": "gpt-4.1", "messages": [["role": "user", "content": "triage this"]]] }
    static var anthropic: [String: Any] { ["model": "claude", "max_tokens": 8, "messages": [["role": "user", "content": "triage this"]]] }

    @Test("--faults 429 at rate 1: rate-limit errors, every other one with retry-after")
    func rateLimitAlternation() async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", "429", "--retry-after", "7"])
        var retryAfters: [String?] = []
        for _ in 0..<4 {
            let response = try await stub.post("/v1/chat/completions", json: Self.chat)
            #expect(response.status == 429)
            #expect(json(decoded(response), "error", "code") as? String == "rate_limit_exceeded")
            retryAfters.append(response.headers["retry-after"])
        }
        #expect(retryAfters == ["7", nil, "7", nil])
        #expect(try await stub.stats() == StubStats(requests: 4, byStatus: ["429": 4]))
    }

    @Test("status faults use the provider's error format", arguments: [("500", "api_error"), ("503", "api_error"), ("529", "overloaded_error")])
    func statusFaults(fault: String, errorType: String) async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", fault])
        let response = try await stub.post("/v1/messages", json: Self.anthropic)
        #expect(response.status == Int(fault))
        #expect(json(decoded(response), "type") as? String == "error")
        #expect(json(decoded(response), "error", "type") as? String == errorType)
        #expect(response.headers["retry-after"] == nil)
    }

    @Test("Gemini and Elastic errors: status RESOURCE_EXHAUSTED, status_exception")
    func otherProviderRateLimits() async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", "429"])
        let gemini = try await stub.post("/v1beta/models/gemini-2.5-flash:generateContent", json: ["contents": [["parts": [["text": "p"]]]]])
        #expect(gemini.status == 429)
        #expect(json(decoded(gemini), "error", "status") as? String == "RESOURCE_EXHAUSTED")
        #expect(json(decoded(gemini), "error", "code") as? Int == 429)
        let elastic = try await stub.post("/_inference/completion/x", json: ["input": "p"])
        #expect(elastic.status == 429)
        #expect(json(decoded(elastic), "error", "type") as? String == "status_exception")
        #expect(json(decoded(elastic), "status") as? Int == 429)
        let bedrock = try await stub.post("/model/m/converse", json: ["messages": [["role": "user", "content": [["text": "p"]]]]])
        #expect(bedrock.status == 429)
        #expect(bedrock.headers["x-amzn-errortype"]?.hasPrefix("ThrottlingException:") == true)
    }

    @Test("garbage: 200 whose body is not JSON")
    func garbage() async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", "garbage"])
        let response = try await stub.post("/v1/chat/completions", json: Self.chat)
        #expect(response.status == 200)
        #expect(!response.body.isEmpty)
        #expect((try? JSONSerialization.jsonObject(with: response.body)) == nil)
        #expect(try await stub.stats() == StubStats(requests: 1, byStatus: ["200": 1]))
    }

    @Test("empty: 200, well-formed, empty answer text")
    func emptyAnswer() async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", "empty"])
        let openAI = decoded(try await stub.post("/v1/chat/completions", json: Self.chat))
        #expect(json(openAI, "choices", 0, "message", "content") as? String == "")
        let anthropic = decoded(try await stub.post("/v1/messages", json: Self.anthropic))
        #expect(json(anthropic, "content", 0, "text") as? String == "")
    }

    @Test("drop: the client sees a transport error, counted as drop")
    func drop() async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", "drop"])
        await #expect(throws: (any Error).self) {
            _ = try await stub.post("/v1/chat/completions", json: Self.chat)
        }
        #expect(try await stub.stats() == StubStats(requests: 1, byStatus: ["drop": 1]))
    }

    @Test("timeout: waits --timeout-ms, then answers normally")
    func timeout() async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", "timeout", "--timeout-ms", "400", "--answer", "text:late"])
        let start = ContinuousClock.now
        let response = try await stub.post("/v1/chat/completions", json: Self.chat)
        #expect(ContinuousClock.now - start >= .milliseconds(400))
        #expect(response.status == 200)
        #expect(json(decoded(response), "choices", 0, "message", "content") as? String == "late")
    }

    @Test("--latency-ms delays every answer")
    func latency() async throws {
        let stub = try await StubServer(["--latency-ms", "250", "--answer", "text:slow"])
        let start = ContinuousClock.now
        let response = try await stub.post("/api/chat", json: Self.chat)
        #expect(ContinuousClock.now - start >= .milliseconds(250))
        #expect(json(decoded(response), "message", "content") as? String == "slow")
    }

    @Test("a fault rate below 1 gives the same seeded mix of faults and answers on every run")
    func seededFaultSequence() async throws {
        func statuses(seed: String) async throws -> [Int] {
            let stub = try await StubServer(["--fault-rate", "0.5", "--faults", "429,500", "--seed", seed, "--answer", "text:ok"])
            var statuses: [Int] = []
            for _ in 0..<40 { statuses.append(try await stub.post("/v1/messages", json: Self.anthropic).status) }
            return statuses
        }
        let first = try await statuses(seed: "42")
        #expect(try await statuses(seed: "42") == first)
        #expect(Set(first) == [200, 429, 500])
        #expect(try await statuses(seed: "43") != first)
    }

    @Test("--reply-status serves a fixture's bytes with the given headers")
    func fixedReply() async throws {
        let fixture = try TestFixtures.path("providers/anthropic_error_overloaded.json")
        let stub = try await StubServer([
            "--reply-status", "529", "--reply-body", fixture,
            "--reply-header", "retry-after: 3", "--reply-header", "x-should-retry: true",
        ])
        for _ in 0..<2 {
            let response = try await stub.post("/v1/messages", json: Self.anthropic)
            #expect(response.status == 529)
            #expect(response.body == FileManager.default.contents(atPath: fixture))
            #expect(response.headers["retry-after"] == "3")
            #expect(response.headers["x-should-retry"] == "true")
            #expect(response.headers["content-type"] == "application/json")
        }
        #expect(try await stub.stats() == StubStats(requests: 2, byStatus: ["529": 2]))
    }

    @Test("bad options exit with code 2", arguments: [
        ["--faults", "429,teapot"], ["--fault-rate", "1.5"], ["--answer", "oracle"], ["--reply-status", "500"],
        ["--reply-status", "500", "--reply-body", "/nonexistent/file.json"],
    ])
    func badOptions(arguments: [String]) async throws {
        let process = Process()
        process.executableURL = StubServer.binary
        process.arguments = ["--port", "0"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        #expect(try await ChildProcess.started(process).exited() == 2)
    }
}
