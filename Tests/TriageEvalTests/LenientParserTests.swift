import Testing
import TriageEval

@Suite("LenientParser")
struct LenientParserTests {
    static let firstRelease = OutputSpec(
        format: .dissect(pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}", appendSeparator: ""),
        verdictCase: .exact
    )
    static let json = OutputSpec(format: .json(verdictField: "verdict", confidenceField: "confidence", summaryField: "summary"))

    private func ok(_ verdict: String, _ confidence: Double, _ answer: ParsedAnswer, flags: [ParseFlag] = []) -> Bool {
        answer.status == .ok && answer.verdict == verdict && answer.confidence == confidence && answer.flags == flags
    }

    @Test("finds the answer the production rule drops", arguments: [
        ("verdict=TP confidence=0.9 summary=x", "TP", 0.9, "x"),
        ("Here is my analysis: verdict=TP confidence=0.9 summary=x", "TP", 0.9, "x"),
        (" verdict=TP confidence=0.9 summary=x", "TP", 0.9, "x"),
        ("```\nverdict=TP confidence=0.9 summary=x\n```", "TP", 0.9, "x"),
        ("```text\nverdict=FP confidence=0.2 summary=SCCM inventory\n```\nLet me know if you need more.", "FP", 0.2, "SCCM inventory"),
        ("Verdict=TP confidence=0.9 summary=x", "TP", 0.9, "x"),
        ("verdict=tp confidence=0.95 summary=x", "TP", 0.95, "x"),
        ("verdict=TP  confidence=0.9 summary=x", "TP", 0.9, "x"),
        ("verdict=**TP** confidence=0.9 summary=x", "TP", 0.9, "x"),
        ("verdict=<TP> confidence=<0.9> summary=<x>", "TP", 0.9, "x"),
        ("verdict=TP\nconfidence=0.9\nsummary=x", "TP", 0.9, "x"),
        ("VERDICT = suspicious, CONFIDENCE = .8, SUMMARY = odd parent", "SUSPICIOUS", 0.8, "odd parent"),
        ("**Verdict:** **TP**\n**Confidence:** 0.85\n**Summary:** certutil downloads a payload", "TP", 0.85, "certutil downloads a payload"),
        ("Verdict: TP (true positive)\nConfidence: 0.9 (high)\nSummary: LSASS dump via comsvcs", "TP", 0.9, "LSASS dump via comsvcs"),
        ("Summary: benign patching\nVerdict: FP\nConfidence: 0.1", "FP", 0.1, "benign patching"),
        ("verdict=TP confidence=0.9, summary=x", "TP", 0.9, "x"),
        ("verdict=TP confidence=0.9.", "TP", 0.9, nil),
        ("Respond as verdict=<TP|FP|SUSPICIOUS> confidence=<0-1>.\nverdict=FP confidence=0.3 summary=admin", "FP", 0.3, "admin"),
    ] as [(String, String, Double, String?)])
    func found(_ text: String, _ verdict: String, _ confidence: Double, _ summary: String?) {
        let answer = LenientParser(spec: Self.firstRelease).parse(text)
        #expect(ok(verdict, confidence, answer))
        #expect(answer.summary == summary)
    }

    @Test("percentages and 0–100 scales", arguments: [
        ("verdict=TP confidence=95% summary=x", 0.95, []),
        ("verdict=TP confidence=85 % summary=x", 0.85, []),
        ("Verdict: TP\nConfidence: 85%", 0.85, []),
        ("verdict=TP confidence=95 summary=x", 0.95, [.confidenceOutOfRange]),
        ("verdict=TP confidence=100 summary=x", 1.0, [.confidenceOutOfRange]),
        ("verdict=TP confidence=1 summary=x", 1.0, []),
        ("verdict=TP confidence=150 summary=x", 150, [.confidenceOutOfRange]),
        ("verdict=TP confidence=250% summary=x", 2.5, [.confidenceOutOfRange]),
        ("verdict=TP confidence=-0.2 summary=x", -0.2, [.confidenceOutOfRange]),
    ] as [(String, Double, [ParseFlag])])
    func scales(_ text: String, _ confidence: Double, _ flags: [ParseFlag]) {
        #expect(ok("TP", confidence, LenientParser(spec: Self.firstRelease).parse(text), flags: flags))
    }

    @Test("JSON inside fences, prose or nesting", arguments: [
        ("```json\n{\"verdict\": \"TP\", \"confidence\": 0.9, \"summary\": \"x\"}\n```", "TP", 0.9),
        ("My answer: {\"Verdict\": \"suspicious\", \"Confidence\": \"85%\"} — done", "SUSPICIOUS", 0.85),
        ("{\"result\": {\"verdict\": \"FP\", \"confidence\": 0.2}}", "FP", 0.2),
        ("{\"note\": \"a { brace\"} then {\"verdict\": \"TP\", \"confidence\": 95}", "TP", 0.95),
    ] as [(String, String, Double)])
    func jsonObjects(_ text: String, _ verdict: String, _ confidence: Double) {
        #expect(LenientParser(spec: Self.firstRelease).parse(text).verdict == verdict)
        #expect(LenientParser(spec: Self.json).parse(text).confidence == confidence)
        #expect(LenientParser(spec: Self.json).parse(text).status == .ok)
    }

    @Test("JSON spec: strict fails, lenient finds the fenced object or labeled values")
    func jsonSpec() throws {
        let fenced = "```json\n{\"verdict\":\"TP\",\"confidence\":0.9,\"summary\":\"x\"}\n```"
        #expect(try StrictParser(spec: Self.json).parse(fenced).status == .noMatch)
        #expect(LenientParser(spec: Self.json).parse(fenced) == ParsedAnswer(status: .ok, rawVerdict: "TP", verdict: "TP", rawConfidence: "0.9", confidence: 0.9, summary: "x"))
        #expect(ok("FP", 0.4, LenientParser(spec: Self.json).parse("verdict: FP, confidence: 0.4")))
    }

    @Test("failures keep what was found", arguments: [
        ("I could not decide.", ParsedAnswer.failure(.noMatch)),
        ("   \n", ParsedAnswer.failure(.empty)),
        ("verdict=MAYBE confidence=0.9 summary=x", ParsedAnswer(status: .invalidVerdict, rawVerdict: "MAYBE", rawConfidence: "0.9", summary: "x")),
        ("verdict=TP confidence=high summary=x", ParsedAnswer(status: .invalidConfidence, rawVerdict: "TP", verdict: "TP", rawConfidence: "high", summary: "x")),
        ("verdict=TP confidence=0,9 summary=x", ParsedAnswer(status: .invalidConfidence, rawVerdict: "TP", verdict: "TP", rawConfidence: "0,9", summary: "x")),
        ("verdict=TP confidence=9/10 summary=x", ParsedAnswer(status: .invalidConfidence, rawVerdict: "TP", verdict: "TP", rawConfidence: "9/10", summary: "x")),
        ("verdict=TP confidence=0.9.1 summary=x", ParsedAnswer(status: .invalidConfidence, rawVerdict: "TP", verdict: "TP", rawConfidence: "0.9.1", summary: "x")),
        ("Verdict: TP", ParsedAnswer(status: .invalidConfidence, rawVerdict: "TP", verdict: "TP")),
    ])
    func failures(_ text: String, _ expected: ParsedAnswer) {
        #expect(LenientParser(spec: Self.firstRelease).parse(text) == expected)
    }

    @Test("an invalid pattern only disables the DISSECT candidate")
    func invalidPattern() {
        let spec = OutputSpec(format: .dissect(pattern: "verdict=%{verdict", appendSeparator: ""))
        #expect(ok("TP", 0.9, LenientParser(spec: spec).parse("verdict=TP confidence=0.9")))
    }
}
