internal import Foundation
public import TriageEval
public import TriageEvalStore

/// Brings the store up to date with the case files and yields the case set: the one set of cases that
/// `cases list` shows and `run`, `render` and `try` use.
///
/// The set is every case of the configured case directory and of every other file imported with
/// `cases import PATH`, while that file exists, minus the cases taken out with `cases remove`. A dataset
/// (`cases import FILE --mapping …`) is re-read with the mapping recorded at its import.
/// Only files whose bytes changed since their last import are parsed: re-running on 5,000 unchanged cases
/// costs a hash per file, not a YAML parse per case. A file is skipped only when its bytes (and
/// ``CaseFileParser/readerRevision``) hash as recorded and every case it yielded is still the latest
/// revision of that id; anything else is parsed and imported.
public struct CaseFileSync: Sendable {
    public var workspace: Workspace
    public var store: Store

    public init(workspace: Workspace, store: Store) {
        self.workspace = workspace
        self.store = store
    }

    /// The outcome of one sync.
    public struct Synced: Sendable {
        /// The cases of the files synced, in file order, without the removed ones (for a sync of the
        /// case set: the case set). A sync that does not list kept files (``caseSetRefs()``) has only the cases
        /// of the files read this time here, and the kept files in ``keptFiles``.
        public var cases: [ImportedCaseFile.Entry]
        /// The files kept as recorded (unchanged since their last import), by their recorded path.
        public var keptFiles: [String] = []
        public var summary: CaseImportSummary
        /// Files parsed this time; the others were unchanged since their last import.
        public var parsedFiles: Int
        /// Draft entries (`label: null`) skipped, per file (as displayed), in file order.
        public var drafts: [(file: String, ids: [String])]

        /// `3 drafts skipped (label: null): a, b (cases/x.yaml), c (cases/y.yaml)`, or nil without drafts.
        public var draftNote: String? {
            let count = drafts.reduce(0) { $0 + $1.ids.count }
            guard count > 0 else { return nil }
            let named = drafts.map { "\($0.ids.joined(separator: ", ")) (\($0.file))" }.joined(separator: ", ")
            return "\(count) draft case\(count == 1 ? "" : "s") skipped until labeled (label: null): \(named)"
        }
    }

    /// Syncs the case set (no paths), or imports the given files and directories into it (`cases import`:
    /// cases removed earlier that these files define come back). Every bad file is reported at once and
    /// nothing is imported then; ids must be unique across the whole set.
    ///
    /// With `mapping`, the one file in `paths` is a dataset (one case per NDJSON line, ``DatasetParser``); the
    /// mapping is recorded with the file, and every later sync reads that file with it.
    public func sync(_ paths: [String] = [], mapping: DatasetMapping? = nil) async throws -> Synced {
        try await sync(paths, mapping: mapping, listKept: true)
    }

    /// The sync; without `listKept`, the kept files' cases are not read into ``Synced/cases`` (nor their ids into
    /// the summary's `unchanged`): the case set is then read from the store by file (``caseSetRefs()``).
    func sync(_ paths: [String], mapping: DatasetMapping?, listKept: Bool) async throws -> Synced {
        // The files' records without their entries: those are read file by file, only for the files kept as they are.
        let recorded = try await store.recordedCaseFiles()
        let explicit = !paths.isEmpty
        var files = try workspace.caseFiles(paths).map { (file: $0, path: Self.key($0)) }
        if mapping != nil, paths.count != 1 || files.count != 1 || files[0].path != Self.key(paths[0]) {
            throw InputError(file: paths.map(workspace.display).joined(separator: ", "), message: "a dataset mapping applies to one dataset file, not a directory or several files")
        }
        var forget: [String] = []
        // Recorded files outside an explicit import, for the duplicate check only (by name and recorded path).
        var others: [(file: String, path: String)] = []
        let covered = Set(files.map(\.path))
        for path in recorded.keys.sorted() where !covered.contains(path) {
            if !FileManager.default.fileExists(atPath: path) {
                forget.append(path)
            } else if explicit {
                others.append((workspace.display(path), path))
            } else {
                files.append((path, path))
            }
        }
        var reads: [FileRead] = []
        var entries: [(file: String, cases: [ImportedCaseFile.Entry])] = []
        var drafts: [(file: String, ids: [String])] = []
        var reused: [String] = []
        // The files kept as recorded: their slot in `entries` (empty there unless listed) and recorded path.
        var kept: [(slot: Int, path: String)] = []
        var errors: [InputError] = []
        /// Keeps a file whose hash is the recorded one, with its recorded cases and drafts; false when it must be read.
        func keepIfUnchanged(_ name: String, _ path: String, hash: String) async throws -> Bool {
            guard let previous = recorded[path], previous.fileHash == hash, let cases = try await keptCases(path, list: listKept) else { return false }
            kept.append((entries.count, path))
            entries.append((name, cases))
            if !previous.drafts.isEmpty { drafts.append((name, previous.drafts)) }
            reused += cases.map(\.id)
            return true
        }
        for (file, path) in files {
            let name = workspace.display(file)
            let datasetMapping = mapping ?? recorded[path]?.mapping
            // A `.jsonl` case file is streamed from disk into the import. Its hash has no documents files' bytes: only a
            // line starting `documents_file:` (not JSON, and an error then) would add them, so no recorded hash had any.
            if datasetMapping == nil, name.hasSuffix(".jsonl") {
                let jsonl = JSONLCaseFile(path: file)
                guard let scan = jsonl.scan() else {
                    errors.append(InputError(file: name, message: "cannot read the file"))
                    continue
                }
                let hash = "r\(CaseFileParser.readerRevision):" + scan.hash
                if try await keepIfUnchanged(name, path, hash: hash) { continue }
                if !scan.isUTF8 {
                    errors.append(InputError(file: name, message: "cannot read the file (is it UTF-8?)"))
                    continue
                }
                if !scan.hasBOM {
                    reads.append(.streamed(jsonl, name: name, key: path, hash: hash, slot: entries.count, draftSlot: drafts.count))
                    entries.append((name, []))
                    continue
                }
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                errors.append(InputError(file: name, message: "cannot read the file"))
                continue
            }
            // A dataset's mapping is part of its hash (a new mapping re-reads it); a case file's documents files are.
            let extra = try datasetMapping.map { try Self.mappingEncoder.encode($0) } ?? workspace.documentsFileBytes(of: data, caseFile: file)
            let hash = "r\(CaseFileParser.readerRevision):" + SHA256Hex.of(data + extra)
            if try await keepIfUnchanged(name, path, hash: hash) { continue }
            do throws(InputError) {
                guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: name, message: "cannot read the file (is it UTF-8?)") }
                let contents = if let datasetMapping {
                    try DatasetParser.read(text, file: name, mapping: datasetMapping)
                } else {
                    try CaseFileParser.read(text, file: name, readFile: workspace.documentsReader(caseFile: file))
                }
                // Each case is encoded and hashed once, for the file's entries and for its stored revision.
                let encoded = contents.cases.map(EncodedCase.init)
                let imported = ImportedCaseFile(
                    path: path, fileHash: hash, cases: encoded.map(ImportedCaseFile.Entry.init), drafts: contents.drafts, mapping: datasetMapping
                )
                reads.append(.parsed(encoded, imported))
                entries.append((name, imported.cases))
                if !contents.drafts.isEmpty { drafts.append((name, contents.drafts)) }
            } catch {
                errors.append(error)
            }
        }
        // Without a file to stream, a bad file fails here, before the store is written to (and is not checked again).
        let checkedBefore = reads.allSatisfy { !$0.isStreamed }
        if checkedBefore {
            let lookup = Self.lookup(entries, kept: kept, others: others)
            let repeated = try await store.repeatedCaseIDs(inFiles: lookup.paths, alsoIn: lookup.ids)
            errors += Self.duplicateIDs(Self.checked(entries, kept: kept, others: others, repeated: repeated))
            if !errors.isEmpty { throw InputErrors(errors) }
        }
        let read = (reads: reads, entries: entries, drafts: drafts, errors: errors, others: others, kept: kept, checkedBefore: checkedBefore)
        let workspace = workspace
        // One transaction: the files are read into it in order, and any error rolls all of it back.
        let imported = try await store.importCases(forget: forget) { writer in
            var (entries, drafts, errors) = (read.entries, read.drafts, read.errors)
            var draftsInserted = 0
            for fileRead in read.reads {
                switch fileRead {
                case .parsed(let encoded, let imported):
                    if errors.isEmpty { try writer.add(contentsOf: encoded) }
                    writer.record(imported)
                case .streamed(let jsonl, let name, let path, let hash, let slot, let draftSlot):
                    do {
                        // After an error nothing more is written (all is rolled back), but every file is still checked.
                        let contents = try Self.stream(jsonl, name: name, readFile: workspace.documentsReader(caseFile: jsonl.path), into: errors.isEmpty ? writer : nil)
                        entries[slot].cases = contents.cases
                        if !contents.drafts.isEmpty {
                            drafts.insert((name, contents.drafts), at: draftSlot + draftsInserted)
                            draftsInserted += 1
                        }
                        writer.record(ImportedCaseFile(path: path, fileHash: hash, cases: contents.cases, drafts: contents.drafts))
                    } catch let error as InputError {
                        errors.append(error)
                    }
                }
            }
            if !read.checkedBefore {
                let lookup = Self.lookup(entries, kept: read.kept, others: read.others)
                let repeated = try writer.repeatedCaseIDs(inFiles: lookup.paths, alsoIn: lookup.ids)
                errors += Self.duplicateIDs(Self.checked(entries, kept: read.kept, others: read.others, repeated: repeated))
            }
            if !errors.isEmpty { throw InputErrors(errors) }
            let synced = entries.flatMap(\.cases)
            if explicit { try writer.restore(synced.lazy.map(\.id)) }
            return Imported(cases: synced, drafts: drafts.map { Imported.Drafts(file: $0.file, ids: $0.ids) })
        }
        var summary = imported.summary
        summary.unchanged += reused
        let removed = explicit ? [] : try await store.removedCaseIDs()
        return Synced(
            cases: removed.isEmpty ? imported.value.cases : imported.value.cases.filter { !removed.contains($0.id) }, keptFiles: kept.map(\.path),
            summary: summary, parsedFiles: reads.count, drafts: imported.value.drafts.map { ($0.file, $0.ids) }
        )
    }

    /// A kept file's cases (read only when listed; none otherwise), or nil when one of them is no longer its case's
    /// latest revision (the file is read again then).
    private func keptCases(_ path: String, list: Bool) async throws -> [ImportedCaseFile.Entry]? {
        if list { return try await store.currentCaseFileEntries(path) }
        return try await store.caseFileIsCurrent(path) ? [] : nil
    }

    /// What the store's duplicate lookup (``Store/repeatedCaseIDs(inFiles:alsoIn:)``) is given: the recorded paths of
    /// the kept and other files, and the ids of the files read now (`entries` outside the `kept` slots).
    static func lookup(
        _ entries: [(file: String, cases: [ImportedCaseFile.Entry])], kept: [(slot: Int, path: String)], others: [(file: String, path: String)]
    ) -> (paths: [String], ids: [String]) {
        let keptSlots = Set(kept.map(\.slot))
        let ids = entries.indices.filter { !keptSlots.contains($0) }.flatMap { entries[$0].cases.map(\.id) }
        return (kept.map(\.path) + others.map(\.path), ids)
    }

    /// The duplicate check's input in file order: each file read now with all its ids, each kept or other file with its
    /// `repeated` ids only. The check's outcome is the same as over every id: an id that occurs once never repeats.
    static func checked(
        _ entries: [(file: String, cases: [ImportedCaseFile.Entry])], kept: [(slot: Int, path: String)], others: [(file: String, path: String)],
        repeated: [String: [String]]
    ) -> [(file: String, ids: [String])] {
        let keptPaths = Dictionary(kept.map { ($0.slot, $0.path) }, uniquingKeysWith: { first, _ in first })
        let files = entries.enumerated().map { slot, file in
            (file: file.file, ids: keptPaths[slot].map { repeated[$0] ?? [] } ?? file.cases.map(\.id))
        }
        return files + others.map { (file: $0.file, ids: repeated[$0.path] ?? []) }
    }

    /// How a changed file gets into the import: parsed already (YAML, a dataset), or streamed from disk (`.jsonl`)
    /// into the import's transaction, its entries going to `slot` of the file list and its drafts before the
    /// `draftSlot`th drafts of the other files (file order).
    enum FileRead: Sendable {
        case parsed([EncodedCase], ImportedCaseFile)
        case streamed(JSONLCaseFile, name: String, key: String, hash: String, slot: Int, draftSlot: Int)

        var isStreamed: Bool {
            if case .streamed = self { return true }
            return false
        }
    }

    /// What the import transaction read: the case set's entries in file order, and the drafts per file.
    struct Imported: Sendable {
        struct Drafts: Sendable {
            var file: String
            var ids: [String]
        }

        var cases: [ImportedCaseFile.Entry]
        var drafts: [Drafts]
    }

    /// Reads a `.jsonl` case file line by line, writing each case to `writer` as it is read (when given):
    /// the file's case entries and drafts. A bad line throws its ``InputError``; a store failure, the store's error.
    static func stream(
        _ jsonl: JSONLCaseFile, name: String, readFile: @escaping CaseFileParser.FileReader, into writer: CaseImportWriter?
    ) throws -> (cases: [ImportedCaseFile.Entry], drafts: [String]) {
        var reader = CaseFileParser.JSONLReader(file: name, readFile: readFile)
        var cases: [ImportedCaseFile.Entry] = []
        var storeFailure: (any Error)?
        let read = try jsonl.forEachLine { line, number throws(InputError) in
            guard storeFailure == nil, let item = try reader.read(line, line: number) else { return }
            let encoded = EncodedCase(item)
            cases.append(ImportedCaseFile.Entry(encoded))
            do { try writer?.add(encoded) } catch { storeFailure = error }
        }
        if let storeFailure { throw storeFailure }
        guard read else { throw InputError(file: name, message: "cannot read the file") }
        return (cases, reader.drafts)
    }

    /// Syncs the case set and returns its cases (latest revisions, by id), with what the sync did.
    public func caseSet() async throws -> (cases: [StoredCase], synced: Synced) {
        let synced = try await sync()
        let ids = Set(synced.cases.map(\.id))
        return (try await store.currentCases(ids: ids), synced)
    }

    /// Syncs the case set and returns lean views of its cases (``CaseRef``: latest revisions, by id, no body
    /// decoded), with what the sync imported and its drafts note (the sync's list of every case is let go first).
    /// The kept files' cases are not read into memory: their lean views are read by file (``Store/currentCaseRefs(ids:inFiles:)``),
    /// so the summary's `unchanged` lists only the cases of the files read this time.
    public func caseSetRefs() async throws -> (cases: [CaseRef], summary: CaseImportSummary, draftNote: String?) {
        let synced = try await sync([], mapping: nil, listKept: false)
        return (try await store.currentCaseRefs(ids: synced.cases.lazy.map(\.id), inFiles: synced.keptFiles), synced.summary, synced.draftNote)
    }

    /// Encodes a dataset mapping into a file's import hash (sorted keys: the same mapping, the same bytes).
    static var mappingEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// The key a case file is recorded under: its absolute, standardized path.
    static func key(_ file: String) -> String {
        URL(fileURLWithPath: file).standardizedFileURL.path
    }

    /// One error per file that repeats an id defined in an earlier file.
    static func duplicateIDs(_ files: [(file: String, ids: [String])]) -> [InputError] {
        var origin: [String: String] = [:]
        var errors: [InputError] = []
        for (file, ids) in files {
            for id in ids {
                if let other = origin[id] {
                    errors.append(InputError(file: file, field: "id", message: "duplicate id \"\(id)\", also defined in \(other)"))
                    break
                }
                origin[id] = file
            }
        }
        return errors
    }
}
