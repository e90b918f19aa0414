public import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// Every case file recorded by ``importCases(_:files:)``, by path.
    public func importedCaseFiles() async throws -> [String: ImportedCaseFile] {
        try await read { db in
            var files: [String: ImportedCaseFile] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, file_hash, cases FROM case_file") {
                let path: String = row["path"]
                let cases = try Self.decode([ImportedCaseFile.Entry].self, from: row["cases"])
                files[path] = ImportedCaseFile(path: path, fileHash: row["file_hash"], cases: cases)
            }
            return files
        }
    }

    /// The content hash of every case's latest revision, by case id.
    public func latestCaseHashes() async throws -> [String: String] {
        try await read { db in try Self.latestRevisions(db).mapValues(\.contentHash) }
    }

    /// Imports `cases` (see ``importCases(_:)``) and records what each of `files` yielded, in one transaction.
    public func importCases(_ cases: [TriageCase], files: [ImportedCaseFile]) async throws -> CaseImportSummary {
        try await write { db in
            let summary = try Self.importCases(cases, db: db)
            let now = Date()
            for file in files {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO case_file (path, file_hash, cases, imported_at) VALUES (?, ?, ?, ?)",
                    arguments: [file.path, file.fileHash, try Self.json(file.cases), now]
                )
            }
            return summary
        }
    }
}
