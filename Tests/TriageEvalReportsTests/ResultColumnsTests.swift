import Testing
import TriageEval
@testable import TriageEvalReports
import TriageEvalStore

@Suite("Issue 15: a group's results held compactly")
struct ResultColumnsTests {
    static let parses = Evaluation.Parses(
        strict: ParsedAnswer(status: .ok, rawVerdict: "TP", verdict: "TP", rawConfidence: "0.9", confidence: 0.9),
        lenient: ParsedAnswer(status: .ok, rawVerdict: "TP", verdict: "TP", rawConfidence: "0.9", confidence: 0.9)
    )

    /// A result as a lean read gives it: no raw answer, shared parses.
    static func plain(_ caseID: String, sample: Int = 0, revision: Int64 = 1) -> StoredResult {
        storedResult(
            caseID, label: .tp, scenario: "lolbin",
            evaluation: Evaluation(
                response: nil, error: nil, parses: parses, alert: true, lenientAlert: false, inputTokens: 120, outputTokens: nil, latencyMs: 41.5,
                cached: false
            ), sample: sample, revisionID: revision, tags: ["must-alert"]
        )
    }

    @Test("every result reads back as it was added; only plain answers are compact, anything else is kept whole")
    func resultsReadBackAsAdded() {
        var withError = Self.plain("c3")
        withError.evaluation = .failed("timeout: 30 s", latencyMs: 30_000)
        var withAnswer = Self.plain("c4")
        withAnswer.evaluation.response = "verdict=TP confidence=0.9 summary=x"
        var ruleRow = Self.plain("c5[host-1]")
        ruleRow.key.row = "host-1"
        var rowLabel = Self.plain("c6")
        rowLabel.key.label = .fp
        var variant = Self.plain("c7~reorder~1")
        variant.variantOf = "c7"
        variant.transform = "reorder"
        var hugeTokens = Self.plain("c8")
        hugeTokens.evaluation.inputTokens = Int(Int32.max) + 1
        var otherModel = Self.plain("c9")
        otherModel.model = "another"
        var noLatency = Self.plain("c10", sample: 2)
        noLatency.evaluation.latencyMs = nil
        noLatency.evaluation.cached = true
        noLatency.evaluation.lenientAlert = true
        let results = [
            Self.plain("c1"), Self.plain("c2", sample: 1, revision: 9), withError, withAnswer, ruleRow, rowLabel, variant, hugeTokens, otherModel,
            noLatency,
        ]

        let columns = ResultColumns(results)

        #expect(Array(columns) == results)
        #expect(columns.count == 10)
        #expect(columns[9].evaluation.latencyMs == nil)
        #expect(columns[0].evaluation.latencyMs == 41.5)
        #expect(columns[1].key.caseRevisionID == 9)
        // c1, c2 and c10 are plain answers of the first result's prompt and model; the seven others are kept whole.
        #expect(columns.wholeCount == 7)
    }

    @Test("runs of one case come out as the array's runs do, sorted or not")
    func runsMatchTheArrays() {
        let sorted = [Self.plain("a"), Self.plain("a", sample: 1), Self.plain("b"), Self.plain("c"), Self.plain("c", sample: 1)]
        let shuffled = [sorted[2], sorted[0], sorted[3], sorted[1], sorted[4]]
        for results in [sorted, shuffled] {
            var fromArray: [[StoredResult]] = []
            results.forEachRun(by: \.caseID) { fromArray.append(Array($0)) }
            var fromColumns: [[StoredResult]] = []
            ResultColumns(results).forEachRun(by: \.caseID) { fromColumns.append(Array($0)) }
            #expect(fromColumns == fromArray)
            #expect(fromColumns.map(\.count) == [2, 1, 2])
        }
    }
}

@Suite("Issue 15: a group's items scored from its compact results")
struct ScoredResultsTests {
    @Test("the items read from the results are the scored results, provider errors and unparsed answers left out, whole results included")
    func itemsAreTheScoredResults() throws {
        let evaluator = try reportEvaluator()
        var results = ResultColumns()
        results.append(ResultColumnsTests.plain("a"))
        results.append(storedResult("b", label: .fp, scenario: "S", evaluation: .failed("timeout: 30 s"), revisionID: 2))
        // Kept whole (its raw answer is held).
        results.append(storedResult("c", label: .fp, scenario: "S", evaluation: evaluator.evaluate("verdict=FP confidence=0.2 summary=x"), revisionID: 3))
        results.append(ResultColumnsTests.plain("d", revision: 4))
        let items = ScoredItems(ScoredResults(results))
        #expect(items.map(\.caseID) == ["a", "c", "d"])
        #expect(Array(items) == results.compactMap(RunAnalysis.scoredItem))
        #expect(items[1].verdict == "FP" && items[1].confidence == 0.2 && !items[1].alert)
        #expect(items[0].verdict == "TP" && items[0].confidence == 0.9 && items[0].alert && items[0].scenario == "lolbin")

        let all = ScoredResults([ResultColumnsTests.plain("a"), ResultColumnsTests.plain("b", revision: 2)])
        #expect(all.positions == nil && all.count == 2)
    }
}
