internal import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// The lean views of the latest revision of each case in `ids`, ordered by case id: columns and the body's tags
    /// (SQLite's `json_extract`), no body decoded (not counted in ``StoreInstrumentation/caseRowsRead``). An id
    /// given twice is read once.
    public func currentCaseRefs(ids: some Collection<String>) async throws -> [CaseRef] {
        try await currentCaseRefs(ids: ids, inFiles: [])
    }

    /// As ``currentCaseRefs(ids:)``, for `ids` and the cases the files recorded at `files` yielded (``importedCaseFiles()``)
    /// that were not taken out with `cases remove`: those ids are read by SQLite from the files' records, never
    /// held in memory.
    public func currentCaseRefs(ids: some Collection<String>, inFiles files: [String]) async throws -> [CaseRef] {
        // The ids go to SQLite as one JSON list, written directly (not a sorted copy through `JSONEncoder`).
        let (list, paths) = (Self.jsonStrings(ids), Self.jsonStrings(files))
        let count = ids.count
        return try await read { db in
            let fromFiles = files.isEmpty ? "" : """
                 UNION SELECT json_extract(e.value, '$.id') FROM case_file f, json_each(f.cases) e
                  WHERE f.path IN (SELECT value FROM json_each(?2))
                    AND json_extract(e.value, '$.id') NOT IN (SELECT case_id FROM case_removed)
                """
            let sql = """
                SELECT \(Self.caseRefColumns) FROM case_revision r
                WHERE r.case_id IN (SELECT value FROM json_each(?1)\(fromFiles))
                  AND r.revision = (SELECT MAX(revision) FROM case_revision WHERE case_id = r.case_id)
                ORDER BY r.case_id
                """
            let kept = files.isEmpty ? 0 : try Int.fetchOne(
                db, sql: "SELECT CAST(TOTAL(json_array_length(cases)) AS INTEGER) FROM case_file WHERE path IN (SELECT value FROM json_each(?))", arguments: [paths]
            ) ?? 0
            let arguments: StatementArguments = files.isEmpty ? [list] : [list, paths]
            return try self.caseRefs(Row.fetchCursor(db, sql: sql, arguments: arguments), count: count + kept)
        }
    }

    /// The lean views of case revisions by row id, in the order given (a row id the store lacks is left out).
    public func caseRefs(revisions: [Int64]) async throws -> [CaseRef] {
        let byID = try await caseRefsByRevision(revisions)
        return revisions.compactMap { byID[$0] }
    }

    /// The lean views of case revisions by row id (a row id the store lacks is left out).
    public func caseRefsByRevision(_ revisions: [Int64]) async throws -> CaseRefs {
        guard !revisions.isEmpty else { return CaseRefs() }
        return try await read { db in
            let sql = "SELECT \(Self.caseRefColumns) FROM case_revision r WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id"
            return CaseRefs(try self.caseRefs(Row.fetchCursor(db, sql: sql, arguments: [try Self.json(revisions)]), count: revisions.count))
        }
    }

    /// The columns the queries above select.
    static let caseRefColumns = """
        r.id, r.case_id, r.content_hash, r.scenario, r.label, r.variant_of, json_extract(r.body, '$.tags'), r.transform,
        r.has_documents, json_extract(r.body, '$.expected')
        """

    /// The rows of a query above, read one at a time (a row is not kept once its view is made).
    private func caseRefs(_ rows: RowCursor, count: Int) throws -> [CaseRef] {
        var refs: [CaseRef] = []
        refs.reserveCapacity(count)
        var reader = CaseRefReader(store: self)
        while let row = try rows.next() { refs.append(try reader.ref(row)) }
        return refs
    }

}

/// Reads rows of ``Store/caseRefColumns`` into lean views, sharing one copy of each distinct tag list.
private struct CaseRefReader {
    let store: Store
    let decoder = JSONDecoder()
    var tagLists: [String: [String]] = [:]

    /// One row; a label, tags or `expected:` the store cannot read is a ``StoreError`` naming the row.
    mutating func ref(_ row: Row) throws -> CaseRef {
        let revisionID: Int64 = row[0]
        let caseID: String = row[1]
        let labelText: String = row[4]
        let tagsJSON: String? = row[6], expectedJSON: String? = row[9]
        let expected = expectedJSON.flatMap { try? decoder.decode([String: String].self, from: Data($0.utf8)) }
        guard let label = Label(rawValue: labelText), let tags = tags(tagsJSON), (expectedJSON == nil) == (expected == nil) else {
            throw StoreError(
                "the store \(store.path) holds case \(caseID) (case_revision row \(revisionID)) whose label, tags or expected values cannot be read; "
                    + "fix and re-import its file (`triage-eval cases import FILE`) to supersede it"
            )
        }
        return CaseRef(
            revisionID: revisionID, id: caseID, contentHash: row[2], scenario: row[3], label: label, tags: tags, variantOf: row[5],
            transform: row[7], hasDocuments: row[8], expected: expected
        )
    }

    /// The tag list of a row (nil when unreadable), one copy per distinct list.
    mutating func tags(_ json: String?) -> [String]? {
        guard let json, json != "[]" else { return [] }
        if let known = tagLists[json] { return known }
        guard let list = try? decoder.decode([String].self, from: Data(json.utf8)) else { return nil }
        tagLists[json] = list
        return list
    }
}
