internal import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// Every case file recorded by ``importCases(forget:_:)``, by path, with the cases it yielded.
    public func importedCaseFiles() async throws -> [String: ImportedCaseFile] {
        try await read { db in
            var files: [String: ImportedCaseFile] = [:]
            for (path, record) in try self.recordedCaseFiles(db) {
                let cases = try self.caseFileEntries(db, path: path, ifCurrent: false, keep: true) ?? []
                files[path] = ImportedCaseFile(path: path, fileHash: record.fileHash, cases: cases, drafts: record.drafts, mapping: record.mapping)
            }
            return files
        }
    }

    /// Every case file recorded by ``importCases(forget:_:)``, by path, without the cases it yielded (a case-set
    /// sync checks them file by file: ``caseFileIsCurrent(_:)``, ``currentCaseFileEntries(_:)``).
    public func recordedCaseFiles() async throws -> [String: RecordedCaseFile] {
        try await read { db in try self.recordedCaseFiles(db) }
    }

    /// The cases the file recorded at `path` yielded, in file order, when every one of them is still the latest
    /// revision of its id; nil when one is not. Compared in SQLite entry by entry (the latest hash through the
    /// `case_id` index, counted in ``StoreInstrumentation/caseHashesRead``): no other case is read, and no hash
    /// table of them is built.
    public func currentCaseFileEntries(_ path: String) async throws -> [ImportedCaseFile.Entry]? {
        try await read { db in try self.caseFileEntries(db, path: path, ifCurrent: true, keep: true) }
    }

    /// Whether every case the file recorded at `path` yielded is still the latest revision of its id (as
    /// ``currentCaseFileEntries(_:)``, without reading the entries out).
    public func caseFileIsCurrent(_ path: String) async throws -> Bool {
        try await read { db in try self.caseFileEntries(db, path: path, ifCurrent: true, keep: false) != nil }
    }

    /// For a duplicate-id check over the files recorded at `paths` and files read now (their ids: `ids`): the
    /// recorded entries whose id occurs more than once among those files or also in `ids`, as ids in file order by
    /// recorded path. Computed by SQLite over the recorded lists (`json_each`); usually nothing comes back.
    public func repeatedCaseIDs(inFiles paths: [String], alsoIn ids: [String]) async throws -> [String: [String]] {
        try await read { db in try Self.repeatedCaseIDs(inFiles: paths, alsoIn: ids, db: db) }
    }

    static func repeatedCaseIDs(inFiles paths: [String], alsoIn ids: [String], db: Database) throws -> [String: [String]] {
        guard !paths.isEmpty else { return [:] }
        let sql = """
            WITH entry AS (
                SELECT f.path AS path, e.key AS position, json_extract(e.value, '$.id') AS id
                FROM case_file f, json_each(f.cases) e WHERE f.path IN (SELECT value FROM json_each(?1)))
            SELECT path, id FROM entry
            WHERE id IN (SELECT id FROM entry GROUP BY id HAVING COUNT(*) > 1) OR id IN (SELECT value FROM json_each(?2))
            ORDER BY path, position
            """
        var repeated: [String: [String]] = [:]
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [jsonStrings(paths), jsonStrings(ids)])
        while let row = try rows.next() {
            guard let path = row[0] as String?, let id = row[1] as String? else { continue }
            repeated[path, default: []].append(id)
        }
        return repeated
    }

    private func recordedCaseFiles(_ db: Database) throws -> [String: RecordedCaseFile] {
        var files: [String: RecordedCaseFile] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT path, file_hash, drafts, mapping FROM case_file") {
            let path: String = row["path"]
            let drafts = try Self.decode([String].self, from: row["drafts"])
            let mapping = try (row["mapping"] as String?).map { try Self.decode(DatasetMapping.self, from: $0) }
            files[path] = RecordedCaseFile(path: path, fileHash: row["file_hash"], drafts: drafts, mapping: mapping)
        }
        return files
    }

    /// A recorded file's entries, read one at a time from its JSON list by SQLite's `json_each` (no JSON decoder and
    /// no value tree of the whole list), kept only with `keep`; with `ifCurrent`, nil as soon as one is not its case's
    /// latest revision.
    private func caseFileEntries(_ db: Database, path: String, ifCurrent: Bool, keep: Bool) throws -> [ImportedCaseFile.Entry]? {
        let stale = ifCurrent
            ? """
            json_extract(e.value, '$.contentHash') IS NOT (
                SELECT r.content_hash FROM case_revision r WHERE r.case_id = json_extract(e.value, '$.id') ORDER BY r.revision DESC LIMIT 1)
            """
            : "0"
        let sql = """
            SELECT json_extract(e.value, '$.id'), json_extract(e.value, '$.contentHash'), json_extract(e.value, '$.scenario'), \(stale)
            FROM case_file f, json_each(f.cases) e WHERE f.path = ?
            """
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [path])
        var entries: [ImportedCaseFile.Entry] = []
        while let row = try rows.next() {
            if ifCurrent { instrumentation.countCaseHashes(1) }
            guard let id = row[0] as String?, let contentHash = row[1] as String?, let scenario = row[2] as String? else {
                throw StoreError("the store \(self.path) records case file \(path) with an entry it cannot read; import that file again (`triage-eval cases import FILE`)")
            }
            if ifCurrent, row[3] as Bool { return nil }
            if keep { entries.append(ImportedCaseFile.Entry(id: id, contentHash: contentHash, scenario: scenario)) }
        }
        return entries
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
