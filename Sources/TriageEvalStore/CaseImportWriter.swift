public import TriageEval
internal import Foundation
internal import GRDB

/// Writes one case import as its cases are read (``Store/importCases(forget:_:)``): cases go into the open
/// transaction in chunks of ``chunkSize``, so a big file's cases are never all held at once; nothing is
/// committed until the reader is done, and an error (a bad line, a duplicate id) rolls everything back.
public final class CaseImportWriter {
    /// Cases looked up and written together (one query for their latest revisions).
    static let chunkSize = 2000

    let store: Store
    let db: Database
    private var pending: [EncodedCase] = []
    private var files: [ImportedCaseFile] = []
    /// What the cases written so far did to the store (counts are complete after ``finish(forget:)``).
    private(set) var summary = CaseImportSummary()

    init(store: Store, db: Database) {
        self.store = store
        self.db = db
        pending.reserveCapacity(Self.chunkSize)
    }

    /// Adds a case (encoded once by the caller): new ids are added, changed ones get a new revision, unchanged ones are left alone.
    public func add(_ encoded: EncodedCase) throws {
        pending.append(encoded)
        if pending.count >= Self.chunkSize { try flush() }
    }

    /// Adds cases (see ``add(_:)``).
    public func add(contentsOf cases: [EncodedCase]) throws {
        for encoded in cases { try add(encoded) }
    }

    /// Records what a case file yielded (see ``Store/importedCaseFiles()``).
    public func record(_ file: ImportedCaseFile) {
        files.append(file)
    }

    /// ``Store/repeatedCaseIDs(inFiles:alsoIn:)`` within the import (the files recorded so far in it are not yet written).
    public func repeatedCaseIDs(inFiles paths: [String], alsoIn ids: [String]) throws -> [String: [String]] {
        try Store.repeatedCaseIDs(inFiles: paths, alsoIn: ids, db: db)
    }

    /// Brings back case ids taken out with `cases remove` (a million ids cost a million statements unless
    /// nothing is removed at all, the usual case).
    public func restore(_ ids: some Sequence<String>) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM case_removed)") == true else { return }
        let delete = try db.cachedStatement(sql: "DELETE FROM case_removed WHERE case_id = ?")
        for id in ids { try delete.execute(arguments: [id]) }
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        let chunk = try store.importCases(pending, db: db)
        summary.added += chunk.added
        summary.revised += chunk.revised
        summary.unchanged += chunk.unchanged
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes the rest: pending cases, the recorded files and the forgotten ones.
    func finish(forget: [String]) throws {
        try flush()
        let now = Date()
        for file in files {
            try db.execute(
                sql: "INSERT OR REPLACE INTO case_file (path, file_hash, cases, drafts, mapping, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [file.path, file.fileHash, ImportedCaseFile.Entry.json(file.cases), try Store.json(file.drafts), try file.mapping.map { try Store.json($0) }, now]
            )
        }
        for path in forget { try db.execute(sql: "DELETE FROM case_file WHERE path = ?", arguments: [path]) }
    }
}
