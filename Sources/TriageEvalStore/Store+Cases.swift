public import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// Imports cases in one transaction: new ids are added, changed ones get a new revision,
    /// unchanged ones are left alone. Re-importing the same files is a no-op.
    public func importCases(_ cases: [TriageCase]) async throws -> CaseImportSummary {
        let encoded = cases.map(EncodedCase.init)
        return try await write { db in try self.importCases(encoded, db: db) }
    }

    /// Imports cases already encoded: their canonical JSON and hash are stored as computed.
    func importCases(_ cases: [EncodedCase], db: Database) throws -> CaseImportSummary {
        var summary = CaseImportSummary()
        guard !cases.isEmpty else { return summary }
        // Formatted once, not per row (a date formatter per row was a twentieth of a big import).
        let now = Date().databaseValue
        let latest = try latestRevisions(db, ids: cases.map(\.item.id))
        let insert = try db.cachedStatement(sql: """
            INSERT INTO case_revision (case_id, revision, content_hash, label, scenario, body, imported_at, variant_of, transform, has_documents)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for encoded in cases {
            let item = encoded.item
            let body = encoded.body
            // Nothing half-written: a case whose JSON cannot be encoded (a non-finite number) is refused, and the
            // whole import with it.
            guard !body.isEmpty else {
                throw InputError(file: "case \(item.id)", message: "cannot be stored: it holds a value with no JSON form (NaN or infinity)")
            }
            let hash = encoded.contentHash
            let current = latest[item.id]
            if let current, current.contentHash == hash {
                summary.unchanged.append(item.id)
                continue
            }
            // The columns of a `CaseRevisionRecord`, through one prepared statement (a record's encoding per row was a
            // seventh of a big import).
            try insert.execute(arguments: [
                item.id, (current?.revision ?? 0) + 1, hash, item.label.rawValue, item.scenario, body, now, item.variantOf, item.transform,
                item.documents?.isEmpty == false,
            ])
            if current == nil { summary.added.append(item.id) } else { summary.revised.append(item.id) }
        }
        return summary
    }

    /// Revision number and content hash of the latest revision of each case in `ids` (of every case when nil), by
    /// case id, in one query; with `ids`, only their rows are read (through the `case_id` index).
    func latestRevisions(_ db: Database, ids: [String]? = nil) throws -> [String: (revision: Int, contentHash: String)] {
        let rows: [Row]
        if let ids {
            let sql = """
                SELECT r.case_id, r.revision, r.content_hash FROM case_revision r
                WHERE r.case_id IN (SELECT value FROM json_each(?))
                  AND r.revision = (SELECT MAX(revision) FROM case_revision WHERE case_id = r.case_id)
                """
            rows = try Row.fetchAll(db, sql: sql, arguments: [try Self.json(ids)])
        } else {
            // SQLite takes the bare columns of a MAX() aggregate from the row holding the maximum.
            rows = try Row.fetchAll(db, sql: "SELECT case_id, MAX(revision) AS revision, content_hash FROM case_revision GROUP BY case_id")
        }
        instrumentation.countCaseHashes(rows.count)
        var latest: [String: (revision: Int, contentHash: String)] = [:]
        for row in rows {
            latest[row[0]] = (row[1], row[2])
        }
        return latest
    }

    /// The latest revision of every stored case, ordered by id (the case set is chosen by the engine's
    /// `CaseFileSync`). With `ids`, only those cases are read (through the `case_id` index: a store holding a
    /// million other cases reads just these rows, and an unreadable row of another case does not stop the caller).
    public func currentCases(ids: Set<String>? = nil) async throws -> [StoredCase] {
        try await read { db in
            let records: [CaseRevisionRecord]
            if let ids {
                let sql = """
                    SELECT r.* FROM case_revision r
                    WHERE r.case_id IN (SELECT value FROM json_each(?))
                      AND r.revision = (SELECT MAX(revision) FROM case_revision WHERE case_id = r.case_id)
                    ORDER BY r.case_id
                    """
                records = try CaseRevisionRecord.fetchAll(db, sql: sql, arguments: [try Self.json(ids.sorted())])
            } else {
                let sql = """
                    SELECT r.* FROM case_revision r
                    JOIN (SELECT case_id, MAX(revision) AS revision FROM case_revision GROUP BY case_id) latest
                      ON latest.case_id = r.case_id AND latest.revision = r.revision
                    ORDER BY r.case_id
                    """
                records = try CaseRevisionRecord.fetchAll(db, sql: sql)
            }
            self.instrumentation.countCaseRows(records.count)
            return try records.map(self.storedCase)
        }
    }

    /// Specific case revisions by row id.
    public func caseRevisions(_ ids: [Int64]) async throws -> [Int64: StoredCase] {
        try await read { db in
            let records = try CaseRevisionRecord.filter(keys: ids).fetchAll(db)
            self.instrumentation.countCaseRows(records.count)
            return Dictionary(uniqueKeysWithValues: try records.map { record in
                let stored = try self.storedCase(record)
                return (stored.revisionID, stored)
            })
        }
    }

    /// Decodes a stored case; a row that cannot be decoded is a ``StoreError`` naming it.
    func storedCase(_ record: CaseRevisionRecord) throws -> StoredCase {
        do {
            return StoredCase(revisionID: record.id ?? 0, revision: record.revision, item: try Self.decode(TriageCase.self, from: record.body))
        } catch let error as DecodingError {
            throw StoreError(
                "the store \(path) holds case \(record.caseId) revision \(record.revision) (case_revision row \(record.id ?? 0)) that cannot be read "
                    + "(\(error.oneLine)); fix and re-import its file (`triage-eval cases import FILE`) to supersede it"
            )
        }
    }
}
