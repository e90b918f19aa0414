internal import Foundation
internal import GRDB

extension Store {
    /// Takes the run's lease for `holder` and marks it running, in one immediate transaction, so two processes
    /// cannot both take it. Throws ``RunLeaseHeld`` when another live process holds it.
    public func acquireRun(_ id: Int64, holder: String = RunLease.current) async throws {
        try await write { db in
            guard let record = try RunRecord.fetchOne(db, key: id) else { throw StoreError("the store \(self.path) has no run \(id)") }
            let now = Date()
            if record.status == RunInfo.Status.running.rawValue, let current = record.leaseHolder, current != holder,
                !RunLease.isStale(holder: current, heartbeat: record.leaseHeartbeat, now: now)
            {
                throw RunLeaseHeld(runID: id, holder: current, secondsSinceHeartbeat: now.timeIntervalSince(record.leaseHeartbeat ?? now))
            }
            try db.execute(
                sql: "UPDATE run SET status = ?, finished_at = NULL, lease_holder = ?, lease_heartbeat = ? WHERE id = ?",
                arguments: [RunInfo.Status.running.rawValue, holder, now, id]
            )
        }
    }

    /// Renews the lease; false when `holder` no longer holds it.
    @discardableResult
    public func renewLease(_ id: Int64, holder: String = RunLease.current) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "UPDATE run SET lease_heartbeat = ? WHERE id = ? AND lease_holder = ?", arguments: [Date(), id, holder])
            return db.changesCount > 0
        }
    }
}
