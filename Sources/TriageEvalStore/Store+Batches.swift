internal import Foundation
internal import GRDB

extension Schema {
    /// Provider batches (issue 15): a submitted batch's ids and items live in the store, so `collect` picks the
    /// results up from another process hours later. Older stores gain the empty tables; nothing else changes.
    static func registerProviderBatches(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-provider-batch") { db in
            try db.create(table: "provider_batch") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade).indexed()
                t.column("model_id", .integer).notNull().references("model")
                t.column("state", .text).notNull()
                t.column("provider_batch_id", .text)
                t.column("input_file_id", .text)
                t.column("provider_state", .text)
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "provider_batch_item") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batch_id", .integer).notNull().references("provider_batch", onDelete: .cascade)
                t.column("custom_id", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("run_id", .integer).notNull()
                t.column("model_id", .integer).notNull()
                t.column("prompt_version_id", .integer).notNull()
                t.column("case_revision_id", .integer).notNull()
                t.column("sample", .integer).notNull()
                t.column("row_key", .text).notNull()
                t.column("reserved_usd", .double).notNull()
                t.column("cache_key", .text)
                t.column("attempt", .integer).notNull()
                t.column("outcome", .text)
                t.uniqueKey(["batch_id", "custom_id"])
            }
            try db.create(
                index: "provider_batch_item_result", on: "provider_batch_item",
                columns: ["run_id", "model_id", "prompt_version_id", "case_revision_id", "sample", "row_key", "outcome"]
            )
        }
    }
}

extension ProviderBatch {
    /// SQL true for a result row (`r`) a provider batch answered: it is priced at the batch price.
    static let answeredSQL = """
        EXISTS (SELECT 1 FROM provider_batch_item bi WHERE bi.run_id = r.run_id AND bi.model_id = r.model_id
                AND bi.prompt_version_id = r.prompt_version_id AND bi.case_revision_id = r.case_revision_id
                AND bi.sample = r.sample AND bi.row_key = r.row_key AND bi.outcome = 'answered')
        """

    /// Batches of the run not yet collected.
    static func openCount(run id: Int64, db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM provider_batch WHERE run_id = ? AND state != 'collected'", arguments: [id]) ?? 0
    }
}

extension Store {
    /// Records a batch about to be submitted (state `preparing`) with its items, giving each a custom id.
    public func createBatch(run: Int64, model: Int64, items: [ProviderBatch.Item]) async throws -> ProviderBatch {
        try await write { db in
            let now = Date()
            try db.execute(
                sql: "INSERT INTO provider_batch (run_id, model_id, state, created_at, updated_at) VALUES (?, ?, 'preparing', ?, ?)",
                arguments: [run, model, now, now]
            )
            let id = db.lastInsertedRowID
            var stored: [ProviderBatch.Item] = []
            let insert = try db.makeStatement(sql: """
                INSERT INTO provider_batch_item (batch_id, custom_id, position, run_id, model_id, prompt_version_id, case_revision_id, sample,
                                                 row_key, reserved_usd, cache_key, attempt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, var item) in items.enumerated() {
                item.position = position
                item.customID = "te\(id)-\(position)"
                try insert.execute(arguments: [
                    id, item.customID, position, run, model, item.promptRowID, item.caseRevisionID, item.sample, item.row, item.reservedUSD,
                    item.cacheKey, item.attempt,
                ])
                stored.append(item)
            }
            return ProviderBatch(
                id: id, runID: run, modelRowID: model, state: .preparing, providerBatchID: nil, inputFileID: nil, providerState: nil,
                createdAt: now, items: stored
            )
        }
    }

    /// The provider accepted the batch: its ids are recorded (state `submitted`).
    public func markBatchSubmitted(_ id: Int64, providerBatchID: String, inputFileID: String?) async throws {
        try await write { db in
            try db.execute(
                sql: "UPDATE provider_batch SET state = 'submitted', provider_batch_id = ?, input_file_id = ?, updated_at = ? WHERE id = ?",
                arguments: [providerBatchID, inputFileID, Date(), id]
            )
        }
    }

    /// Records the provider's state word from a poll.
    public func noteBatchState(_ id: Int64, providerState: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE provider_batch SET provider_state = ?, updated_at = ? WHERE id = ?", arguments: [providerState, Date(), id])
        }
    }

    /// Removes a batch the provider never accepted (submission failed, or the process died before it was recorded).
    public func deleteBatch(_ id: Int64) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM provider_batch WHERE id = ?", arguments: [id]) }
    }

    /// Marks the batch collected with each item's outcome, in one transaction (after the results are stored).
    public func closeBatch(_ id: Int64, outcomes: [String: ProviderBatch.ItemOutcome]) async throws {
        try await write { db in
            let update = try db.makeStatement(sql: "UPDATE provider_batch_item SET outcome = ? WHERE batch_id = ? AND custom_id = ?")
            for (customID, outcome) in outcomes { try update.execute(arguments: [outcome.rawValue, id, customID]) }
            try db.execute(sql: "UPDATE provider_batch SET state = 'collected', updated_at = ? WHERE id = ?", arguments: [Date(), id])
        }
    }

    /// The run's batches for one model that are not collected yet, oldest first, with their items.
    public func openBatches(run: Int64, model: Int64) async throws -> [ProviderBatch] {
        try await read { db in try Self.batches(db, sql: "run_id = ? AND model_id = ? AND state != 'collected'", arguments: [run, model]) }
    }

    /// The run's results a provider batch answered (reports price them at the batch price, as ``usage(run:db:)`` does).
    public func batchAnswered(run: Int64) async throws -> Set<ProviderBatch.ResultRef> {
        try await read { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT prompt_version_id, model_id, case_revision_id, sample, row_key FROM provider_batch_item
                    WHERE run_id = ? AND outcome = 'answered'
                    """, arguments: [run]
            )
            return Set(rows.map { ProviderBatch.ResultRef(promptRowID: $0[0], modelRowID: $0[1], caseRevisionID: $0[2], sample: $0[3], row: $0[4]) })
        }
    }

    /// Every batch of the run, oldest first, with their items.
    public func batches(run: Int64) async throws -> [ProviderBatch] {
        try await read { db in try Self.batches(db, sql: "run_id = ?", arguments: [run]) }
    }

    private static func batches(_ db: Database, sql condition: String, arguments: StatementArguments) throws -> [ProviderBatch] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, run_id, model_id, state, provider_batch_id, input_file_id, provider_state, created_at FROM provider_batch WHERE \(condition) ORDER BY id",
            arguments: arguments
        )
        return try rows.map { row in
            let id: Int64 = row[0]
            let items = try Row.fetchAll(
                db, sql: """
                    SELECT custom_id, position, prompt_version_id, case_revision_id, sample, row_key, reserved_usd, cache_key, attempt
                    FROM provider_batch_item WHERE batch_id = ? ORDER BY position
                    """, arguments: [id]
            ).map { item in
                ProviderBatch.Item(
                    customID: item[0], position: item[1], promptRowID: item[2], caseRevisionID: item[3], sample: item[4], row: item[5],
                    reservedUSD: item[6], cacheKey: item[7], attempt: item[8]
                )
            }
            let state: String = row[3]
            return ProviderBatch(
                id: id, runID: row[1], modelRowID: row[2], state: ProviderBatch.State(rawValue: state) ?? .submitted, providerBatchID: row[4],
                inputFileID: row[5], providerState: row[6], createdAt: row[7], items: items
            )
        }
    }
}
