import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

@Suite("JUnit written as it is produced")
struct JUnitStreamTests {
    /// Case b: samples 0 and 1 wrong (an FP alerted); case a: right; case c: a provider error.
    static func results() throws -> [StoredResult] {
        let evaluator = try reportEvaluator()
        return [
            storedResult("a", label: .tp, scenario: "S", evaluation: evaluator.evaluate("verdict=TP confidence=0.9 summary=ok"), revisionID: 1),
            storedResult("b", label: .fp, scenario: "S", evaluation: evaluator.evaluate("verdict=TP confidence=0.9 summary=first"), sample: 0, revisionID: 2),
            storedResult("b", label: .fp, scenario: "S", evaluation: evaluator.evaluate("verdict=TP confidence=0.8 summary=second"), sample: 1, revisionID: 2),
            storedResult("c", label: .tp, scenario: "S", evaluation: .failed("timeout after 3 retries"), revisionID: 3),
        ]
    }

    @Test("Issue 15: the pieces written make the rendered document; results out of case order give the same document")
    func piecesMakeTheDocumentInCaseOrder() throws {
        let ordered = RunAnalysis(run: runInfo(planned: 4), results: try Self.results(), thresholds: ["host-triage@v1": 0.7])
        var pieces: [String] = []
        JUnitReport.write(ordered) { pieces.append($0) }
        // Header, suite start, 3 test cases, suite end, footer.
        #expect(pieces.count == 1 + 1 + 1 + 3 + 1 + 1)
        #expect(pieces.joined() == JUnitReport.render(ordered))
        let xml = pieces.joined()
        #expect(xml.contains("<testsuites name=\"triage-eval run 7\" tests=\"3\" failures=\"1\" errors=\"1\">"))
        #expect(xml.contains("benign case alerted (label FP, 2 of 2 samples wrong)"))
        #expect(xml.contains("summary=first") && xml.contains("summary=second"))
        #expect(xml.contains("sample 0: timeout after 3 retries"))

        let shuffled = try Self.results()
        let interleaved = RunAnalysis(run: runInfo(planned: 4), results: [shuffled[3], shuffled[1], shuffled[0], shuffled[2]], thresholds: ["host-triage@v1": 0.7])
        // Cases interleaved (c, b, a, b): JUnit lists them by id, each case's samples in the order given.
        let again = JUnitReport.render(interleaved)
        #expect(again.components(separatedBy: "<testcase").count == 4)
        let names = again.components(separatedBy: "<testcase ").dropFirst().map { element in
            element.components(separatedBy: "\" name=\"")[1].prefix { $0 != "\"" }
        }
        #expect(names == ["a", "b", "c"])
        #expect(again == JUnitReport.render(ordered))
    }
}
