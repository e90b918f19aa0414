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

    /// Adds a session's counters to the run, sets its status from what is stored (`interrupted` when the session
    /// was stopped before it was complete) and releases its lease.
    public func finishRun(_ id: Int64, counters: RunCounters, interrupted: Bool = false) async throws -> RunInfo {
        try await write { db in
            guard var record = try RunRecord.fetchOne(db, key: id) else { throw StoreError("no run \(id)") }
            let answered = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM result WHERE run_id = ? AND outcome = 'answered'", arguments: [id]) ?? 0
            let errors = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM result WHERE run_id = ? AND outcome = 'error'", arguments: [id]) ?? 0
            record.calls += counters.calls
            record.cacheHits += counters.cacheHits
            record.inputTokens += counters.inputTokens
            record.outputTokens += counters.outputTokens
            record.costUsd += counters.costUSD
            record.errors = errors
            record.finishedAt = Date()
            record.status = (answered == record.planned ? RunInfo.Status.complete : interrupted ? .interrupted : .incomplete).rawValue
            record.leaseHolder = nil
            try record.update(db)
            return try Self.runInfo(record)
        }
    }

    /// One run, or nil.
    public func run(_ id: Int64) async throws -> RunInfo? {
        try await read { db in try RunRecord.fetchOne(db, key: id).map(Self.runInfo) }
    }

    /// The most recent run, or nil when there is none.
    public func latestRun() async throws -> RunInfo? {
        try await read { db in try RunRecord.order(Column("id").desc).fetchOne(db).map(Self.runInfo) }
    }

    /// All runs, newest first.
    public func runs(limit: Int = 50) async throws -> [RunInfo] {
        try await read { db in try RunRecord.order(Column("id").desc).limit(limit).fetchAll(db).map(Self.runInfo) }
    }

    static func runInfo(_ record: RunRecord) throws -> RunInfo {
        RunInfo(
            id: record.id ?? 0, startedAt: record.startedAt, finishedAt: record.finishedAt,
            status: RunLease.status(of: record), toolVersion: record.toolVersion, gitCommit: record.gitCommit,
            samples: record.samples, selection: try decode(RunInfo.Selection.self, from: record.selection),
            plan: try decode(RunInfo.Plan.self, from: record.plan), planned: record.planned,
            calls: record.calls, cacheHits: record.cacheHits, errors: record.errors, inputTokens: record.inputTokens,
            outputTokens: record.outputTokens, costUSD: record.costUsd
        )
    }
}
