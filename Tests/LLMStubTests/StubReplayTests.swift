import Foundation
import StubTestSupport
import Testing

@Suite("llm-stub replay answers", .boundedResources)
struct StubReplayTests {
    /// `case-1` and `case-10` (a prefix pair) with three samples each.
    static func replayFile() throws -> String {
        let lines = (0..<3).flatMap { sample in
            ["case-1", "case-10"].map { caseID in
                #"{"case_id":"\#(caseID)","sample":\#(sample),"response":"verdict=TP confidence=0.9\#(sample) summary=\#(caseID) sample \#(sample)"}"#
            }
        }
        let file = try temporaryDirectory().appendingPathComponent("answers.jsonl")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test("the longest case id found in the prompt picks the answer, sample 0 by default")
    func longestCaseIDFirst() async throws {
        let stub = try await StubServer(["--answer", "replay:\(try Self.replayFile())"])
        let ten = decoded(try await stub.post("/v1/messages", json: ["messages": [["role": "user", "content": "Case case-10: alert body"]]]))
        #expect(json(ten, "content", 0, "text") as? String == "verdict=TP confidence=0.90 summary=case-10 sample 0")
        let one = decoded(try await stub.post("/v1/messages", json: ["messages": [["role": "user", "content": "Case case-1; alert body"]]]))
        #expect(json(one, "content", 0, "text") as? String == "verdict=TP confidence=0.90 summary=case-1 sample 0")
    }

    @Test("an integer seed picks sample seed modulo the samples recorded", arguments: [(0, 0), (1, 1), (2, 2), (4, 1), (9, 0)])
    func seedPicksSample(seed: Int, sample: Int) async throws {
        let stub = try await StubServer(["--answer", "replay:\(try Self.replayFile())"])
        let body = decoded(try await stub.post("/v1/chat/completions", json: ["seed": seed, "messages": [["role": "user", "content": "id case-10"]]]))
        #expect(json(body, "choices", 0, "message", "content") as? String == "verdict=TP confidence=0.9\(sample) summary=case-10 sample \(sample)")
    }

    @Test("no known case id in the prompt is a 404 in the route's error format")
    func unknownCase() async throws {
        let stub = try await StubServer(["--answer", "replay:\(try Self.replayFile())"])
        let openAI = try await stub.post("/v1/chat/completions", json: ["messages": [["role": "user", "content": "case-2 only"]]])
        #expect(openAI.status == 404)
        #expect(json(decoded(openAI), "error", "type") as? String == "invalid_request_error")
        let anthropic = try await stub.post("/v1/messages", json: ["messages": [["role": "user", "content": "nothing"]]])
        #expect(anthropic.status == 404)
        #expect(json(decoded(anthropic), "error", "type") as? String == "not_found_error")
        let esql = try await stub.post("/_query", json: ["query": #"ROW prompt = "case-3" | COMPLETION r = prompt WITH {"inference_id": "x"} | KEEP r"#])
        #expect(esql.status == 404)
        #expect(json(decoded(esql), "error", "type") as? String == "resource_not_found_exception")
        #expect(try await stub.stats() == StubStats(requests: 3, byStatus: ["404": 3]))
    }

    @Test("a malformed replay file stops the stub with exit code 2 naming the line")
    func malformedReplayFile() async throws {
        let file = try temporaryDirectory().appendingPathComponent("bad.jsonl")
        try "{\"case_id\":\"a\",\"response\":\"x\"}\nnot json\n".write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = StubServer.binary
        process.arguments = ["--port", "0", "--answer", "replay:\(file.path)"]
        // A file, not a pipe: a pipe's write end inherited by a stub another test starts would block the read.
        let errorFile = file.deletingLastPathComponent().appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? errors.close() }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        #expect(try await ChildProcess.started(process).exited() == 2)
        let message = try String(contentsOf: errorFile, encoding: .utf8)
        #expect(message.contains("bad.jsonl:2"))
    }
}
