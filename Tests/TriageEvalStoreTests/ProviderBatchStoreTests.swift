import Foundation
import GRDB
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalStore

/// Provider batches in the store: persisted ids, items and reservations, the `submitted` status, and the batch
/// price in the ledger.
@Suite(.boundedResources) struct ProviderBatchStoreTests {
    let temp: TemporaryStore
    let runID: Int64
    let promptRow: Int64
    let modelRow: Int64
    let cases: [StoredCase]

    /// One prompt × one priced live model (half price in batches) × two cases.
    init() async throws {
        temp = try TemporaryStore()
        _ = try await temp.store.importCases([hostCase("case-a"), hostCase("case-b", label: .fp, scenario: "SCCM")])
        cases = try await temp.store.currentCases()
        promptRow = try await temp.store.registerPrompt(try parsePrompt(promptText())).rowID
        let price = ModelConfig.Price(inputPerMTok: 1, outputPerMTok: 2, batchDiscount: 0.5)
        modelRow = try await temp.store.registerModel(ModelConfig(id: "gpt", provider: .openai, model: "m", price: price))
        runID = try await temp.store.createRun(
            toolVersion: "test", gitCommit: nil, selection: RunInfo.Selection(),
            plan: RunInfo.Plan(promptRows: [promptRow], modelRows: [modelRow], caseRevisions: cases.map(\.revisionID), samples: 1), planned: 2
        )
    }

    func item(_ caseIndex: Int, reserved: Double) -> ProviderBatch.Item {
        ProviderBatch.Item(
            position: 0, promptRowID: promptRow, caseRevisionID: cases[caseIndex].revisionID, sample: 0, row: "", reservedUSD: reserved,
            cacheKey: "k\(caseIndex)", attempt: 1
        )
    }

    func key(_ caseIndex: Int) -> ResultKey {
        ResultKey(runID: runID, promptRowID: promptRow, modelRowID: modelRow, caseRevisionID: cases[caseIndex].revisionID, sample: 0)
    }

    @Test func aSubmittedBatchIsReadBackByAnotherStoreAndHoldsTheRunSubmitted() async throws {
        let store = temp.store
        let batch = try await store.createBatch(run: runID, model: modelRow, items: [item(0, reserved: 0.25), item(1, reserved: 0.5)])
        #expect(batch.items.map(\.customID) == ["te\(batch.id)-0", "te\(batch.id)-1"])
        #expect(batch.state == .preparing)
        try await store.markBatchSubmitted(batch.id, providerBatchID: "batch_abc", inputFileID: "file-1")

        // Another process (another connection) sees the ids, the items and their reservations.
        let other = try Store(path: temp.path)
        let open = try await other.openBatches(run: runID, model: modelRow)
        #expect(open.count == 1)
        #expect(open[0].state == .submitted && open[0].providerBatchID == "batch_abc" && open[0].inputFileID == "file-1")
        #expect(open[0].items.map(\.reservedUSD) == [0.25, 0.5] && open[0].items.map(\.cacheKey) == ["k0", "k1"])
        #expect(try await other.finishRun(runID).status == .submitted)

        // Collected: answered at the batch price (half of 1000 × $1 + 500 × $2 per million = $0.001).
        try await store.saveResults([(key(0), Evaluation(response: "verdict=TP", inputTokens: 1000, outputTokens: 500)), (key(1), .failed("bad_request: x"))])
        try await store.closeBatch(batch.id, outcomes: [batch.items[0].customID: .answered, batch.items[1].customID: .failed])
        #expect(try await other.openBatches(run: runID, model: modelRow).isEmpty)
        let finished = try await other.finishRun(runID)
        #expect(finished.status == .incomplete)
        #expect(abs(finished.costUSD - 0.001) < 1e-15)
    }

    @Test func resultsNotAnsweredByABatchPayTheFullPrice() async throws {
        try await temp.store.saveResults([(key(0), Evaluation(response: "verdict=TP", inputTokens: 1000, outputTokens: 500))])
        #expect(abs(try await temp.store.finishRun(runID).costUSD - 0.002) < 1e-15)
    }

    @Test func aBatchNeverAcceptedIsDeletedWithItsItems() async throws {
        let batch = try await temp.store.createBatch(run: runID, model: modelRow, items: [item(0, reserved: 0.1)])
        try await temp.store.deleteBatch(batch.id)
        #expect(try await temp.store.batches(run: runID).isEmpty)
        #expect(try await temp.store.finishRun(runID).status == .incomplete)
    }

    @Test func batchDiscountPricesOnlyBatchAnswers() {
        let price = ModelConfig.Price(inputPerMTok: 3, outputPerMTok: 15, batchDiscount: 0.5)
        #expect(price.usd(inputTokens: 1_000_000, outputTokens: 0) == 3)
        #expect(price.usd(inputTokens: 1_000_000, outputTokens: 1_000_000, batch: true) == 9)
        #expect(ModelConfig.Price(inputPerMTok: 3, outputPerMTok: 15).usd(inputTokens: 1_000_000, outputTokens: 0, batch: true) == 3)
    }
}

/// A store written before provider batches (no `v4-provider-batch` tables) opens, migrates and reads as before.
@Suite(.boundedResources) struct ProviderBatchMigrationTests {
    @Test func aStoreFromBeforeBatchesOpensAndKeepsItsRuns() async throws {
        let seeded = try await SeededRun(planned: 4)
        try await seeded.store.saveResults([(seeded.key(0, sample: 0), Evaluation(response: "verdict=TP", inputTokens: 10, outputTokens: 5))])
        _ = try await seeded.store.finishRun(seeded.runID)
        // Roll the schema back to what the previous release wrote.
        try await seeded.store.write { db in
            try db.execute(sql: "DROP TABLE provider_batch_item")
            try db.execute(sql: "DROP TABLE provider_batch")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-provider-batch'")
        }
        let reopened = try Store(path: seeded.temp.path)
        let run = try #require(try await reopened.run(seeded.runID))
        #expect(run.status == .incomplete && run.inputTokens == 10)
        #expect(try await reopened.results(run: seeded.runID).count == 1)
        #expect(try await reopened.batches(run: seeded.runID).isEmpty)
    }
}
