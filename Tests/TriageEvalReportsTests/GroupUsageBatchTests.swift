import Testing
import TriageEval
import TriageEvalReports
import TriageEvalStore

/// Reports price answers a provider batch gave at the batch price, as the run's ledger does.
@Suite struct GroupUsageBatchTests {
    @Test func batchAnsweredResultsCostTheBatchPrice() {
        let answer = { (tokens: Int) in Evaluation(response: "verdict=TP", inputTokens: tokens, outputTokens: 0) }
        let results = [
            storedResult("a", label: .tp, scenario: "s", evaluation: answer(1_000_000), revisionID: 1),
            storedResult("b", label: .tp, scenario: "s", evaluation: answer(2_000_000), revisionID: 2),
        ]
        let price = ModelConfig.Price(inputPerMTok: 1, outputPerMTok: 0, batchDiscount: 0.5)
        // a: full price $1; b: answered by a batch, 2M tokens at half of $1 = $1. Total $2 (not $3).
        let usage = GroupUsage(results, price: price, batchAnswered: [ProviderBatch.ResultRef(results[1].key)])
        #expect(usage.costUSD == 2)
        #expect(GroupUsage(results, price: price).costUSD == 3)
        #expect(usage.inputTokens == 3_000_000)
    }
}
