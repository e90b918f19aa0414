internal import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// Which of these case revisions carry documents (without decoding their bodies).
    public func revisionsWithDocuments(_ revisions: [Int64]) async throws -> Set<Int64> {
        guard !revisions.isEmpty else { return [] }
        let ids = "[" + revisions.map(String.init).joined(separator: ",") + "]"
        return try await read { db in
            let sql = "SELECT c.id FROM case_revision c WHERE c.id IN (SELECT value FROM json_each(?)) AND c.has_documents"
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
