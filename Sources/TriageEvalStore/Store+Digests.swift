public import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// The digests of these case revisions, by revision row id, read by SQLite's JSON functions without decoding any
    /// case body (``CaseDigest``). Unknown ids are left out.
    public func caseDigests(_ revisions: [Int64]) async throws -> [Int64: CaseDigest] {
        guard !revisions.isEmpty else { return [:] }
        let ids = "[" + revisions.map(String.init).joined(separator: ",") + "]"
        return try await read { db in
            let sql = """
                SELECT c.id, c.case_id, c.label, c.scenario, json_extract(c.body, '$.tags'), c.variant_of, c.transform,
                       COALESCE(json_array_length(c.body, '$.documents'), 0) > 0, json_extract(c.body, '$.expected')
                FROM case_revision c WHERE c.id IN (SELECT value FROM json_each(?))
                """
            let decoder = JSONDecoder()
            var digests: [Int64: CaseDigest] = [:]
            digests.reserveCapacity(revisions.count)
            // Tag lists repeat across cases: share one copy of each.
            var tagLists: [String: [String]] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: [ids])
            while let row = try rows.next() {
                let revision: Int64 = row[0], caseID: String = row[1], labelText: String = row[2]
                guard let label = Label(rawValue: labelText) else {
                    throw StoreError("the store \(self.path) holds case \(caseID) (case_revision row \(revision)) with an unknown label \"\(labelText)\"")
                }
                let tagText: String? = row[4], expectedText: String? = row[8]
                var tags: [String] = []
                if let tagText, tagText != "[]" {
                    if let known = tagLists[tagText] { tags = known } else {
                        tags = try decoder.decode([String].self, from: Data(tagText.utf8))
                        tagLists[tagText] = tags
                    }
                }
                digests[revision] = CaseDigest(
                    revisionID: revision, id: caseID, label: label, scenario: row[3], tags: tags, variantOf: row[5], transform: row[6],
                    hasDocuments: row[7], expected: try expectedText.map { try decoder.decode([String: String].self, from: Data($0.utf8)) }
                )
            }
            return digests
        }
    }

    /// Which of these case revisions carry documents (without decoding their bodies).
    public func revisionsWithDocuments(_ revisions: [Int64]) async throws -> Set<Int64> {
        guard !revisions.isEmpty else { return [] }
        let ids = "[" + revisions.map(String.init).joined(separator: ",") + "]"
        return try await read { db in
            // The substring test skips most bodies before SQLite parses any (a body without documents has no such key).
            let sql = """
                SELECT c.id FROM case_revision c WHERE c.id IN (SELECT value FROM json_each(?))
                AND instr(c.body, '"documents"') > 0 AND COALESCE(json_array_length(c.body, '$.documents'), 0) > 0
                """
            return Set(try Int64.fetchAll(db, sql: sql, arguments: [ids]))
        }
    }

    /// The revision row ids of a case, newest first, read now, blocking.
    public func caseRevisionIDsNow(_ caseID: String) throws -> [Int64] {
        try readNow { db in try Int64.fetchAll(db, sql: "SELECT id FROM case_revision WHERE case_id = ? ORDER BY revision DESC", arguments: [caseID]) }
    }

    /// One case revision decoded, read now, blocking: what a report shows of a case it lists. Nil when unknown.
    public func caseRevisionNow(_ id: Int64) throws -> StoredCase? {
        try readNow { db in
            guard let record = try CaseRevisionRecord.fetchOne(db, key: id) else { return nil }
            self.instrumentation.countCaseRows(1)
            return try self.storedCase(record)
        }
    }
}
