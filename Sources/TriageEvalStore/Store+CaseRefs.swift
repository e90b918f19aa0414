internal import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// The lean views of the latest revision of each case in `ids`, ordered by case id: columns and the body's tags
    /// (SQLite's `json_extract`), no body decoded (not counted in ``StoreInstrumentation/caseRowsRead``).
    public func currentCaseRefs(ids: Set<String>) async throws -> [CaseRef] {
        try await read { db in
            let sql = """
                SELECT r.id, r.case_id, r.content_hash, r.scenario, r.label, r.variant_of, json_extract(r.body, '$.tags') FROM case_revision r
                WHERE r.case_id IN (SELECT value FROM json_each(?))
                  AND r.revision = (SELECT MAX(revision) FROM case_revision WHERE case_id = r.case_id)
                ORDER BY r.case_id
                """
            return try self.caseRefs(Row.fetchCursor(db, sql: sql, arguments: [try Self.json(ids.sorted())]))
        }
    }

    /// The lean views of case revisions by row id, in the order given (a row id the store lacks is left out).
    public func caseRefs(revisions: [Int64]) async throws -> [CaseRef] {
        try await read { db in
            let sql = """
                SELECT r.id, r.case_id, r.content_hash, r.scenario, r.label, r.variant_of, json_extract(r.body, '$.tags') FROM case_revision r
                WHERE r.id IN (SELECT value FROM json_each(?))
                """
            let refs = try self.caseRefs(Row.fetchCursor(db, sql: sql, arguments: [try Self.json(revisions)]))
            let byID = Dictionary(refs.map { ($0.revisionID, $0) }, uniquingKeysWith: { first, _ in first })
            return revisions.compactMap { byID[$0] }
        }
    }

    /// The rows of a query above, read one at a time (a row is not kept once its view is made).
    private func caseRefs(_ rows: RowCursor) throws -> [CaseRef] {
        var refs: [CaseRef] = []
        while let row = try rows.next() { refs.append(try caseRef(row)) }
        return refs
    }

    /// One row of the queries above; a label or tags the store cannot read is a ``StoreError`` naming the row.
    private func caseRef(_ row: Row) throws -> CaseRef {
        let revisionID: Int64 = row[0]
        let caseID: String = row[1]
        let labelText: String = row[4]
        let tagsJSON: String? = row[6]
        guard let label = Label(rawValue: labelText),
            let tags = try? tagsJSON.map({ try JSONDecoder().decode([String].self, from: Data($0.utf8)) }) ?? []
        else {
            throw StoreError(
                "the store \(path) holds case \(caseID) (case_revision row \(revisionID)) whose label or tags cannot be read; "
                    + "fix and re-import its file (`triage-eval cases import FILE`) to supersede it"
            )
        }
        return CaseRef(revisionID: revisionID, id: caseID, contentHash: row[2], scenario: row[3], label: label, tags: tags, variantOf: row[5])
    }
}
