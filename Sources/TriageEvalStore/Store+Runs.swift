internal import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// Starts a run record and returns its id.
    public func createRun(toolVersion: String, gitCommit: String?, selection: RunInfo.Selection, plan: RunInfo.Plan, planned: Int) async throws -> Int64 {
        let selectionJSON = try Self.json(selection)
        let planJSON = try Self.json(plan)
        return try await write { db in
            var record = RunRecord(
                id: nil, startedAt: Date(), finishedAt: nil, status: RunInfo.Status.running.rawValue, toolVersion: toolVersion,
                gitCommit: gitCommit, samples: plan.samples, selection: selectionJSON, plan: planJSON, planned: planned, calls: 0, cacheHits: 0,
                errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0
            )
            try record.insert(db)
            return record.id ?? 0
        }
    }

    /// Ends a session of the run: sets its status from what is stored (`interrupted` when the session was
    /// stopped before it was complete), records the counters derived from its results (``usage(run:db:)``), so a
    /// killed and resumed run counts every stored result exactly once, and releases its lease.
    public func finishRun(_ id: Int64, interrupted: Bool = false) async throws -> RunInfo {
        try await write { db in
            guard var record = try RunRecord.fetchOne(db, key: id) else { throw StoreError("no run \(id)") }
            let answered = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM result WHERE run_id = ? AND outcome = 'answered'", arguments: [id]) ?? 0
            let usage = try Self.usage(run: id, db: db)
            record.calls = usage.calls
            record.cacheHits = usage.cacheHits
            record.inputTokens = usage.inputTokens
            record.outputTokens = usage.outputTokens
            record.costUsd = usage.costUSD
            record.errors = usage.errors
            record.finishedAt = Date()
            let waiting = try ProviderBatch.openCount(run: id, db: db) > 0
            record.status = (answered == record.planned ? RunInfo.Status.complete : waiting ? .submitted : interrupted ? .interrupted : .incomplete).rawValue
            record.leaseHolder = nil
            try record.update(db)
            return try Self.runInfo(record, db: db)
        }
    }

    /// One run, or nil.
    public func run(_ id: Int64) async throws -> RunInfo? {
        try await read { db in try RunRecord.fetchOne(db, key: id).map { try Self.runInfo($0, db: db) } }
    }

    /// The most recent run, or nil when there is none.
    public func latestRun() async throws -> RunInfo? {
        try await read { db in try RunRecord.order(Column("id").desc).fetchOne(db).map { try Self.runInfo($0, db: db) } }
    }

    /// All runs, newest first.
    public func runs(limit: Int = 50) async throws -> [RunInfo] {
        try await read { db in try RunRecord.order(Column("id").desc).limit(limit).fetchAll(db).map { try Self.runInfo($0, db: db) } }
    }

    /// A run record with its counters derived from its stored results (never from a session's tallies:
    /// a run killed before it finished, or resumed, still counts what it stored).
    static func runInfo(_ record: RunRecord, db: Database) throws -> RunInfo {
        let id = record.id ?? 0
        let usage = try usage(run: id, db: db)
        var status = RunLease.status(of: record)
        // A run whose process died while provider batches were open is waiting for `collect`, not lost.
        if status == .interrupted, try ProviderBatch.openCount(run: id, db: db) > 0 { status = .submitted }
        return RunInfo(
            id: id, startedAt: record.startedAt, finishedAt: record.finishedAt,
            status: status, toolVersion: record.toolVersion, gitCommit: record.gitCommit,
            samples: record.samples, selection: try decode(RunInfo.Selection.self, from: record.selection),
            plan: try decode(RunInfo.Plan.self, from: record.plan), planned: record.planned,
            calls: usage.calls, cacheHits: usage.cacheHits, errors: usage.errors, inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens, costUSD: usage.costUSD, callsWithoutTokens: usage.callsWithoutTokens
        )
    }

    /// What a run's stored results used, priced by each result's recorded model config, at the batch price for
    /// results a provider batch answered (``RunCounters`` defines the terms: cached answers cost nothing and are
    /// counted apart).
    static func usage(run id: Int64, db: Database) throws -> RunCounters {
        let sql = """
            SELECT r.model_id, m.config,
                   SUM(r.cached = 0 AND r.response IS NOT NULL), SUM(r.cached = 1), SUM(r.outcome = 'error'),
                   SUM(CASE WHEN r.cached = 0 THEN COALESCE(r.input_tokens, 0) ELSE 0 END),
                   SUM(CASE WHEN r.cached = 0 THEN COALESCE(r.output_tokens, 0) ELSE 0 END),
                   SUM(r.cached = 0 AND r.response IS NOT NULL AND (r.input_tokens IS NULL OR r.output_tokens IS NULL)),
                   \(ProviderBatch.answeredSQL) AS batched
            FROM result r JOIN model m ON m.id = r.model_id
            WHERE r.run_id = ?
            GROUP BY r.model_id, batched
            """
        var usage = RunCounters()
        for row in try Row.fetchAll(db, sql: sql, arguments: [id]) {
            let config = try decode(ModelConfig.self, from: row[1])
            let inputTokens: Int = row[5], outputTokens: Int = row[6]
            usage.cacheHits += row[3] as Int
            usage.errors += row[4] as Int
            usage.inputTokens += inputTokens
            usage.outputTokens += outputTokens
            usage.costUSD += config.price?.usd(inputTokens: inputTokens, outputTokens: outputTokens, batch: row[8]) ?? 0
            if !config.provider.isOffline {
                usage.calls += row[2] as Int
                usage.callsWithoutTokens += row[7] as Int
            }
        }
        return usage
    }
}
