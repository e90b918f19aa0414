import EsqlEngine
import Testing
import TriageEval

@Suite("StrictParser")
struct StrictParserTests {
    static let json = OutputSpec(format: .json(verdictField: "verdict", confidenceField: "confidence", summaryField: "summary"))

    @Test("empty or whitespace-only text is empty", arguments: ["", " ", "\n\t  \r\n", "\u{A0}\u{2003}"])
    func empty(_ text: String) throws {
        #expect(try StrictParser(spec: .esqlTriage).parse(text) == .failure(.empty))
        #expect(try StrictParser(spec: Self.json).parse(text) == .failure(.empty))
    }

    @Test("an ok answer carries the canonical verdict, confidence and summary")
    func ok() throws {
        let answer = try StrictParser(spec: .esqlTriage).parse("verdict=Suspicious confidence=0.8 summary=odd")
        #expect(answer == ParsedAnswer(status: .ok, rawVerdict: "Suspicious", verdict: "SUSPICIOUS", rawConfidence: "0.8", confidence: 0.8, summary: "odd"))
    }

    @Test("a confidence below 0 is flagged and never alerts")
    func negative() throws {
        let answer = try StrictParser(spec: .esqlTriage).parse("verdict=TP confidence=-0.5 summary=x")
        #expect(answer.status == .ok)
        #expect(answer.flags == [.confidenceOutOfRange])
        #expect(!AlertPolicy().alerts(answer))
    }

    @Test("an invalid confidence keeps the valid verdict")
    func invalidConfidenceKeepsVerdict() throws {
        let answer = try StrictParser(spec: .esqlTriage).parse("verdict=fp confidence=high summary=x")
        #expect(answer == ParsedAnswer(status: .invalidConfidence, rawVerdict: "fp", verdict: "FP", rawConfidence: "high", summary: "x"))
    }

    @Test("other patterns, keys and modifiers")
    func customPattern() throws {
        let spec = OutputSpec(
            format: .dissect(pattern: "[%{label}] %{score->} %{?sep} %{+why} %{+why}", appendSeparator: " / "),
            verdicts: ["TP", "FP"], verdictCase: .exact, verdictKey: "label", confidenceKey: "score", summaryKey: "why"
        )
        let answer = try StrictParser(spec: spec).parse("[FP] 0.2    - benign admin")
        #expect(answer == ParsedAnswer(status: .ok, rawVerdict: "FP", verdict: "FP", rawConfidence: "0.2", confidence: 0.2, summary: "benign / admin"))
    }

    @Test("pattern errors surface when the parser is made", arguments: [
        ("verdict=%{verdict", "unclosed '%{': no %{key} found"),
        ("%{*verdict} %{&verdict} %{confidence}", "ES|QL does not support reference keys (%{*verdict})"),
        ("verdict=%{verdict} summary=%{summary}", "the pattern has no key %{confidence}"),
        ("verdict=%{?verdict} confidence=%{confidence}", "the pattern has no key %{verdict}"),
    ])
    func patternErrors(_ pattern: String, _ reason: String) {
        let spec = OutputSpec(format: .dissect(pattern: pattern, appendSeparator: ""))
        #expect(throws: DissectPatternError(pattern: pattern, reason: reason)) { try StrictParser(spec: spec) }
    }

    @Test("JSON: the whole text is one object", arguments: [
        ("{\"verdict\":\"TP\",\"confidence\":0.9,\"summary\":\"x\"}",
         ParsedAnswer(status: .ok, rawVerdict: "TP", verdict: "TP", rawConfidence: "0.9", confidence: 0.9, summary: "x")),
        ("\n  { \"verdict\" : \"fp\" , \"confidence\" : \"0.2\" }  \n",
         ParsedAnswer(status: .ok, rawVerdict: "fp", verdict: "FP", rawConfidence: "0.2", confidence: 0.2)),
        ("{\"verdict\":\"TP\",\"confidence\":95}",
         ParsedAnswer(status: .ok, rawVerdict: "TP", verdict: "TP", rawConfidence: "95", confidence: 95, flags: [.confidenceOutOfRange])),
        ("{\"verdict\":\"FP\",\"verdict\":\"TP\",\"confidence\":1E-1,\"summary\":\"a\\nb \\ud83d\\ude00 \\u00e9\"}",
         ParsedAnswer(status: .ok, rawVerdict: "TP", verdict: "TP", rawConfidence: "1E-1", confidence: 0.1, summary: "a\nb 😀 é")),
        ("{\"verdict\":\"TP \",\"confidence\":0.9}", ParsedAnswer(status: .invalidVerdict, rawVerdict: "TP ", rawConfidence: "0.9")),
        ("{\"verdict\":1,\"confidence\":0.9}", ParsedAnswer(status: .invalidVerdict, rawVerdict: "1", rawConfidence: "0.9")),
        ("{\"verdict\":null,\"confidence\":0.9}", ParsedAnswer(status: .invalidVerdict, rawConfidence: "0.9")),
        ("{\"Verdict\":\"TP\",\"confidence\":0.9}", ParsedAnswer(status: .invalidVerdict, rawConfidence: "0.9")),
        ("{\"verdict\":\"TP\",\"confidence\":\"85%\"}", ParsedAnswer(status: .invalidConfidence, rawVerdict: "TP", verdict: "TP", rawConfidence: "85%")),
        ("{\"verdict\":\"TP\",\"confidence\":true}", ParsedAnswer(status: .invalidConfidence, rawVerdict: "TP", verdict: "TP", rawConfidence: "true")),
        ("{\"verdict\":\"TP\",\"confidence\":1e400}", ParsedAnswer(status: .invalidConfidence, rawVerdict: "TP", verdict: "TP", rawConfidence: "1e400")),
        ("{\"verdict\":\"TP\",\"confidence\":[0.9]}", ParsedAnswer(status: .invalidConfidence, rawVerdict: "TP", verdict: "TP")),
        ("{\"verdict\":\"TP\"}", ParsedAnswer(status: .invalidConfidence, rawVerdict: "TP", verdict: "TP")),
        ("```json\n{\"verdict\":\"TP\",\"confidence\":0.9}\n```", .failure(.noMatch)),
        ("Answer: {\"verdict\":\"TP\",\"confidence\":0.9}", .failure(.noMatch)),
        ("{\"verdict\":\"TP\",\"confidence\":0.9} thanks", .failure(.noMatch)),
        ("[{\"verdict\":\"TP\",\"confidence\":0.9}]", .failure(.noMatch)),
        ("{\"verdict\":\"TP\",\"confidence\":0.9,}", .failure(.noMatch)),
        ("{\"verdict\":\"TP\",\"confidence\":.9}", .failure(.noMatch)),
        ("{\"verdict\":\"TP\",\"confidence\":09}", .failure(.noMatch)),
        ("{\"verdict\":\"T\tP\",\"confidence\":0.9}", .failure(.noMatch)),
        ("verdict=TP confidence=0.9 summary=x", .failure(.noMatch)),
    ])
    func json(_ text: String, _ expected: ParsedAnswer) throws {
        #expect(try StrictParser(spec: Self.json).parse(text) == expected)
    }

    @Test("JSON: field names and verdict case come from the spec")
    func jsonFields() throws {
        let spec = OutputSpec(format: .json(verdictField: "label", confidenceField: "score", summaryField: "why"), verdictCase: .exact)
        let parser = try StrictParser(spec: spec)
        #expect(parser.parse("{\"label\":\"TP\",\"score\":0.75,\"why\":\"x\"}").status == .ok)
        #expect(parser.parse("{\"label\":\"tp\",\"score\":0.75}").status == .invalidVerdict)
    }

    @Test("JSON nested too deeply is no match")
    func deepJSON() throws {
        let text = "{\"verdict\":\"TP\",\"confidence\":0.9,\"x\":" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        #expect(try StrictParser(spec: Self.json).parse(text) == .failure(.noMatch))
    }
}
