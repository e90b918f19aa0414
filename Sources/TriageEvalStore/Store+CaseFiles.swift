public import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// Every case file recorded by ``importCases(forget:_:)``, by path.
    public func importedCaseFiles() async throws -> [String: ImportedCaseFile] {
        try await read { db in
            var files: [String: ImportedCaseFile] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, file_hash, cases, drafts, mapping FROM case_file") {
                let path: String = row["path"]
                let cases = try Self.decode([ImportedCaseFile.Entry].self, from: row["cases"])
                let drafts = try Self.decode([String].self, from: row["drafts"])
                let mapping = try (row["mapping"] as String?).map { try Self.decode(DatasetMapping.self, from: $0) }
                files[path] = ImportedCaseFile(path: path, fileHash: row["file_hash"], cases: cases, drafts: drafts, mapping: mapping)
            }
            return files
        }
    }

    /// The content hash of the latest revision of each case in `ids` (of every case when nil), by case id; only
    /// those rows are read (through the `case_id` index), however many other cases the store holds.
    public func latestCaseHashes(ids: Set<String>? = nil) async throws -> [String: String] {
        try await read { db in
            try self.latestRevisions(db, ids: ids?.sorted()).mapValues(\.contentHash)
        }
    }

    /// One import transaction fed by `feed` as it reads (``CaseImportWriter``): cases, the files they came from
    /// and the removed ids to bring back; forgets the recorded files at `forget`. Whatever `feed` throws rolls the
    /// whole import back and is rethrown as it is.
    public func importCases<T: Sendable>(
        forget: [String] = [], _ feed: @escaping @Sendable (CaseImportWriter) throws -> T
    ) async throws -> (value: T, summary: CaseImportSummary) {
        try await write { db in
            let writer = CaseImportWriter(store: self, db: db)
            let value = try feed(writer)
            try writer.finish(forget: forget)
            return (value, writer.summary)
        }
    }

    /// Case ids taken out of the case set with `cases remove`.
    public func removedCaseIDs() async throws -> Set<String> {
        try await read { db in Set(try String.fetchAll(db, sql: "SELECT case_id FROM case_removed")) }
    }

    /// Takes cases out of the case set (`cases remove`): they are neither listed nor planned until a file
    /// defining them is imported again with `cases import`. Their revisions stay, for the runs that used them.
    public func removeCases(_ ids: [String]) async throws {
        try await write { db in
            let now = Date()
            for id in ids {
                try db.execute(sql: "INSERT OR REPLACE INTO case_removed (case_id, removed_at) VALUES (?, ?)", arguments: [id, now])
            }
        }
    }
}
