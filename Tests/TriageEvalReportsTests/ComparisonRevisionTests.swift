import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

@Suite("Comparison of a case judged at different revisions")
struct ComparisonRevisionTests {
    /// Cases a, b, c on both sides; b was edited between the runs (revision 1 in the base, 2 in the candidate) and
    /// flips from a miss to a catch; a flips the other way; c is right on both sides.
    /// `order`: the order the results are read in (the store reads them by case; a side out of case order is paired
    /// through a map of its cases instead of a merge).
    static func side(_ revisionOfB: Int, alerts: [String: Bool], model: String, order: [String] = ["a", "b", "c"]) throws -> RunAnalysis.Group {
        let evaluator = try reportEvaluator()
        let results = order.map { id in
            let index = ["a", "b", "c"].firstIndex(of: id) ?? 0
            var result = storedResult(
                id, label: .tp, scenario: "S",
                evaluation: evaluator.evaluate(alerts[id] == true ? "verdict=TP confidence=0.9 summary=x" : "verdict=FP confidence=0.9 summary=x"),
                revisionID: Int64(index + 1), model: model
            )
            if id == "b" { result.caseRevision = revisionOfB }
            return result
        }
        var grouped = GroupedResults(policies: ["host-triage@v1": AlertPolicy(minConfidence: 0.7)], samples: 1)
        for result in results { grouped.add(result) }
        return try #require(RunAnalysis(run: runInfo(planned: 3), grouped: grouped, policies: ["host-triage@v1": AlertPolicy(minConfidence: 0.7)], caseRefs: CaseRefs()).groups.first)
    }

    /// The base read in case order (a merge of the sides) and out of it (a map of its cases).
    @Test(
        "Issue 15: the edited case is named with each side's revision and left out of the pairing; the others pair",
        arguments: [["a", "b", "c"], ["c", "b", "a"]]
    )
    func editedCaseIsNotPaired(baseOrder: [String]) throws {
        let base = try Self.side(1, alerts: ["a": true, "b": false, "c": true], model: "m1", order: baseOrder)
        let candidate = try Self.side(2, alerts: ["a": false, "b": true, "c": true], model: "m2")
        let comparison = RunComparison(base: .init(runID: 7, group: base), candidate: .init(runID: 8, group: candidate), seed: 5, resamples: 0)
        #expect(comparison.statistics.paired == 2)
        #expect(comparison.statistics.onlyInBase == ["b (rev 1)"])
        #expect(comparison.statistics.onlyInCandidate == ["b (rev 2)"])
        #expect(comparison.statistics.flipped.map(\.caseID) == ["a"])
        #expect(comparison.flipped.map(\.flip.caseID) == ["a"])
        #expect(comparison.baseMetrics.n == 2 && comparison.candidateMetrics.n == 2)

        // The same revision on both sides: all three pair, b flips too.
        let same = RunComparison(
            base: .init(runID: 7, group: base), candidate: .init(runID: 8, group: try Self.side(1, alerts: ["a": false, "b": true, "c": true], model: "m2")),
            seed: 5, resamples: 0
        )
        #expect(same.statistics.paired == 3 && same.statistics.onlyInBase.isEmpty)
        #expect(same.statistics.flipped.map(\.caseID) == ["a", "b"])
    }
}
