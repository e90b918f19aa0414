import EsqlEngine
import Testing
import TriageEval

/// Every row of reference/esql-decisions.md: the rule's DISSECT, then both releases of its WHERE.
@Suite("ES|QL rule decisions on model answers")
struct EsqlDecisionTests {
    static let pattern = "verdict=%{Esql.verdict} confidence=%{Esql.confidence} summary=%{Esql.summary}"

    struct Row: Sendable, CustomTestStringConvertible {
        let output: String
        /// verdict / confidence / summary as DISSECT extracts them; nil when it does not match.
        let dissect: (verdict: String, confidence: String, summary: String)?
        let current: ParseStatus
        let currentAlerts: Bool
        let firstRelease: ParseStatus
        let firstReleaseAlerts: Bool
        var testDescription: String { output.debugDescription }

        init(_ output: String, _ dissect: (String, String, String)?, current: ParseStatus, _ currentAlerts: Bool, first: ParseStatus, _ firstAlerts: Bool) {
            self.output = output
            self.dissect = dissect
            self.current = current
            self.currentAlerts = currentAlerts
            self.firstRelease = first
            self.firstReleaseAlerts = firstAlerts
        }
    }

    static let rows: [Row] = [
        Row("verdict=TP confidence=0.92 summary=certutil download-and-execute of remote payload",
            ("TP", "0.92", "certutil download-and-execute of remote payload"), current: .ok, true, first: .ok, true),
        Row("verdict=FP confidence=0.85 summary=SCCM client activity", ("FP", "0.85", "SCCM client activity"), current: .ok, false, first: .ok, false),
        Row("verdict=SUSPICIOUS confidence=0.7 summary=x", ("SUSPICIOUS", "0.7", "x"), current: .ok, false, first: .ok, false),
        Row("verdict=SUSPICIOUS confidence=0.71 summary=x", ("SUSPICIOUS", "0.71", "x"), current: .ok, true, first: .ok, true),
        Row("verdict=tp confidence=0.95 summary=x", ("tp", "0.95", "x"), current: .ok, true, first: .invalidVerdict, false),
        Row("verdict=TP confidence=95 summary=x", ("TP", "95", "x"), current: .ok, true, first: .ok, true),
        Row("verdict=TP confidence=95% summary=x", ("TP", "95%", "x"), current: .invalidConfidence, false, first: .invalidConfidence, false),
        Row("verdict=TP confidence=0.9, summary=x", ("TP", "0.9,", "x"), current: .invalidConfidence, false, first: .invalidConfidence, false),
        Row("verdict=TP confidence= 0.9 summary=x", ("TP", " 0.9", "x"), current: .ok, true, first: .ok, true),
        Row("verdict=TP  confidence=0.9 summary=x", ("TP ", "0.9", "x"), current: .invalidVerdict, false, first: .invalidVerdict, false),
        Row("verdict=TP confidence=0.9  summary=x", ("TP", "0.9 ", "x"), current: .ok, true, first: .ok, true),
        Row("verdict=**TP** confidence=0.9 summary=x", ("**TP**", "0.9", "x"), current: .invalidVerdict, false, first: .invalidVerdict, false),
        Row("verdict=<TP> confidence=<0.9> summary=<x>", ("<TP>", "<0.9>", "<x>"), current: .invalidVerdict, false, first: .invalidVerdict, false),
        Row("verdict=TP confidence=0.9 summary=line one\nline two", ("TP", "0.9", "line one\nline two"), current: .ok, true, first: .ok, true),
        Row("verdict=TP confidence=0.9 summary=", ("TP", "0.9", ""), current: .ok, true, first: .ok, true),
        Row("verdict=TP confidence=0.9 summary=a summary=b confidence=0.1", ("TP", "0.9", "a summary=b confidence=0.1"),
            current: .ok, true, first: .ok, true),
        Row("verdict=TP confidence=0.9 summary=x verdict=FP", ("TP", "0.9", "x verdict=FP"), current: .ok, true, first: .ok, true),
        Row("Verdict=TP confidence=0.9 summary=x", nil, current: .noMatch, false, first: .noMatch, false),
        Row(" verdict=TP confidence=0.9 summary=x", nil, current: .noMatch, false, first: .noMatch, false),
        Row("```\nverdict=TP confidence=0.9 summary=x\n```", nil, current: .noMatch, false, first: .noMatch, false),
        Row("Here is my analysis: verdict=TP confidence=0.9 summary=x", nil, current: .noMatch, false, first: .noMatch, false),
        Row("verdict=TP confidence=0.9", nil, current: .noMatch, false, first: .noMatch, false),
        Row("verdict=TP\nconfidence=0.9\nsummary=x", nil, current: .noMatch, false, first: .noMatch, false),
        Row("verdict=TP confidence=.9 summary=x", ("TP", ".9", "x"), current: .ok, true, first: .ok, true),
        Row("verdict=TP confidence=1e-1 summary=x", ("TP", "1e-1", "x"), current: .ok, false, first: .ok, false),
        Row("verdict=TP confidence=NaN summary=x", ("TP", "NaN", "x"), current: .invalidConfidence, false, first: .invalidConfidence, false),
    ]

    private static func spec(_ verdictCase: VerdictCase) -> OutputSpec {
        OutputSpec(
            format: .dissect(pattern: pattern, appendSeparator: ""),
            verdicts: ["TP", "FP", "SUSPICIOUS"],
            verdictCase: verdictCase,
            verdictKey: "Esql.verdict",
            confidenceKey: "Esql.confidence",
            summaryKey: "Esql.summary"
        )
    }

    @Test("DISSECT extracts exactly the documented values", arguments: rows)
    func dissect(_ row: Row) throws {
        let fields = try DissectPattern(Self.pattern).match(row.output)
        if let expected = row.dissect {
            #expect(fields == ["Esql.verdict": expected.verdict, "Esql.confidence": expected.confidence, "Esql.summary": expected.summary])
        } else {
            #expect(fields == nil)
        }
    }

    @Test("current rule: TO_LOWER(verdict) == \"tp\"|\"suspicious\" and TO_DOUBLE(confidence) > 0.7", arguments: rows)
    func currentRule(_ row: Row) throws {
        let answer = try StrictParser(spec: Self.spec(.ignore)).parse(row.output)
        #expect(answer.status == row.current)
        #expect(AlertPolicy(alertVerdicts: ["TP", "SUSPICIOUS"], verdictCase: .ignore, minConfidence: 0.7).alerts(answer) == row.currentAlerts)
        expectRawFields(answer, row)
    }

    @Test("first release: verdict == \"TP\"|\"SUSPICIOUS\" and TO_DOUBLE(confidence) > 0.7", arguments: rows)
    func firstRelease(_ row: Row) throws {
        let answer = try StrictParser(spec: Self.spec(.exact)).parse(row.output)
        #expect(answer.status == row.firstRelease)
        #expect(AlertPolicy(alertVerdicts: ["TP", "SUSPICIOUS"], verdictCase: .exact, minConfidence: 0.7).alerts(answer) == row.firstReleaseAlerts)
        expectRawFields(answer, row)
    }

    /// Raw fields are kept whenever DISSECT matched; all are nil when it did not.
    private func expectRawFields(_ answer: ParsedAnswer, _ row: Row) {
        #expect(answer.rawVerdict == row.dissect?.verdict)
        #expect(answer.rawConfidence == row.dissect?.confidence)
        #expect(answer.summary == row.dissect?.summary)
        if answer.status == .ok {
            #expect(answer.verdict == row.dissect?.verdict.uppercased())
            #expect(answer.confidence == row.dissect.flatMap { EsqlDouble.parse($0.confidence) })
        } else {
            #expect(answer.confidence == nil)
        }
    }

    @Test("confidence=95 alerts and is flagged out of range")
    func outOfRange() throws {
        let answer = try StrictParser(spec: .esqlTriage).parse("verdict=TP confidence=95 summary=x")
        #expect(answer.confidence == 95)
        #expect(answer.flags == [.confidenceOutOfRange])
        #expect(AlertPolicy().alerts(answer))
    }
}
