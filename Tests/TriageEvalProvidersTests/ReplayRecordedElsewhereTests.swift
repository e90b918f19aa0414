import Foundation
import Testing
import TriageEval
@testable import TriageEvalProviders

/// Issue 13 item 6: answers another harness or a study recorded — a `response` that is a JSON object, and a
/// `prompt` key so one file holds answers for several prompts.
@Suite struct ReplayRecordedElsewhereTests {
    static let spec = OutputSpec.esqlTriage

    static func request(_ caseID: String, sample: Int = 0, prompt: String?) -> CompletionRequest {
        CompletionRequest(prompt: "", caseID: caseID, sample: sample, output: spec, promptKey: prompt)
    }

    static let recorded = #"""
        {"case_id": "lsass-01", "response": "verdict=TP confidence=0.91 summary=dump"}
        {"case_id": "lsass-01", "prompt": "alert-analyzer@v1", "response": {"threat_level": "High", "confidence": "high", "true_positive_likelihood": "high", "score": 0.90, "n": 1e2, "nested": {"a": [1, "x\"y", null, true]}, "summary": "comsvcs MiniDump é"}}
        {"case_id": "lsass-01", "sample": 1, "prompt": "alert-analyzer@v1", "response": "```json\n{\"true_positive_likelihood\": \"low\"}\n```"}
        {"case_id": "lsass-01", "prompt": "alert-correlation@v1", "response": [1, 2]}
        """#

    @Test("an object response is replayed as its compact JSON: keys in the order written, numbers as written")
    func objectResponse() async throws {
        let replay = try ReplayProvider(jsonl: Self.recorded, file: "answers.jsonl")
        #expect(replay.count == 4)
        let answer = try await replay.complete(Self.request("lsass-01", prompt: "alert-analyzer@v1")).text
        #expect(answer == #"{"threat_level":"High","confidence":"high","true_positive_likelihood":"high","score":0.90,"n":1e2,"nested":{"a":[1,"x\"y",null,true]},"summary":"comsvcs MiniDump é"}"#)
        // The text loads in Python as the recorded object.
        #expect(PythonJSON.loads(answer) != nil)
        #expect(try await replay.complete(Self.request("lsass-01", prompt: "alert-correlation@v1")).text == "[1,2]")
    }

    @Test("answers are looked up by prompt, case and sample; a line without a prompt answers the other prompts")
    func byPrompt() async throws {
        let replay = try ReplayProvider(jsonl: Self.recorded, file: "answers.jsonl")
        #expect(try await replay.complete(Self.request("lsass-01", sample: 1, prompt: "alert-analyzer@v1")).text.hasPrefix("```json\n"))
        #expect(try await replay.complete(Self.request("lsass-01", prompt: "host-triage@v2")).text == "verdict=TP confidence=0.91 summary=dump")
        #expect(try await replay.complete(Self.request("lsass-01", prompt: nil)).text == "verdict=TP confidence=0.91 summary=dump")
        let missing = await #expect(throws: ProviderError.self) {
            try await replay.complete(Self.request("lsass-01", sample: 2, prompt: "alert-analyzer@v1"))
        }
        #expect(missing?.cause == .missingAnswer)
        #expect(missing?.message.contains("alert-analyzer@v1") == true)
        // The stub plays the lines without a prompt.
        #expect(replay.recordedAnswers == ["lsass-01": [0: "verdict=TP confidence=0.91 summary=dump"]])
    }

    @Test(
        "a bad prompt or response is an error naming file, line and field",
        arguments: [
            (#"{"case_id": "a", "prompt": "alert-analyzer", "response": "x"}"#, "prompt"),
            (#"{"case_id": "a", "prompt": 3, "response": "x"}"#, "prompt"),
            (#"{"case_id": "a", "prompt": "@v1", "response": "x"}"#, "prompt"),
            (#"{"case_id": "a", "response": true}"#, "response"),
            (#"{"case_id": "a", "response": null}"#, "response"),
        ]
    )
    func badLine(text: String, field: String) throws {
        let error = #expect(throws: InputError.self) { try ReplayProvider(jsonl: "\n" + text, file: "rec.jsonl") }
        #expect(error?.file == "rec.jsonl")
        #expect(error?.line == 2)
        #expect(error?.field == field)
    }

    @Test("the same case and sample may be answered once per prompt, never twice for one prompt")
    func duplicates() throws {
        let ok = """
            {"case_id": "a", "response": "x"}
            {"case_id": "a", "prompt": "p@v1", "response": "y"}
            {"case_id": "a", "prompt": "p@v2", "response": "z"}
            """
        #expect(try ReplayProvider(jsonl: ok, file: "f").count == 3)
        let error = #expect(throws: InputError.self) { try ReplayProvider(jsonl: ok + "\n" + #"{"case_id": "a", "prompt": "p@v2", "response": {}}"#, file: "f") }
        #expect(error?.line == 4)
        #expect(error?.message.contains("p@v2") == true)
    }
}
