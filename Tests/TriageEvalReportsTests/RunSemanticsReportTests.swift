import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

@Suite("Run semantics: reports")
struct RunSemanticsReportTests {
    @Test("A7: a group's tokens and cost are those of uncached answers; cached ones are counted apart")
    func groupUsageLeavesCachedAnswersOut() {
        var fresh = Evaluation(response: "verdict=TP confidence=0.9 summary=x", inputTokens: 1_000, outputTokens: 100)
        fresh.latencyMs = 20
        var cached = fresh
        cached.cached = true
        let results = [
            storedResult("a", label: .tp, scenario: "s", evaluation: fresh),
            storedResult("b", label: .tp, scenario: "s", evaluation: cached, revisionID: 2),
        ]
        let usage = GroupUsage(results, price: ModelConfig.Price(inputPerMTok: 2, outputPerMTok: 8))
        #expect(usage.inputTokens == 1_000)
        #expect(usage.outputTokens == 100)
        // (1,000 × 2 + 100 × 8) / 10⁶, by hand.
        #expect(abs((usage.costUSD ?? -1) - 0.0028) < 1e-12)
        #expect(usage.cached == 1)
    }

    @Test("D22: no negative zero, and counts agree with their nouns")
    func grammar() {
        #expect(Formatting.metric(-0.0001) == "0.000")
        #expect(Formatting.metric(-0.0) == "0.000")
        #expect(Formatting.metric(-0.0006) == "-0.001")
        #expect(Formatting.count(1, "evaluation") == "1 evaluation")
        #expect(Formatting.count(0, "evaluation") == "0 evaluations")
        let markdown = MarkdownReport.render(RunAnalysis(run: runInfo(planned: 1), results: [], thresholds: [:]))
        #expect(markdown.contains("1 evaluation ·"))
    }
}
