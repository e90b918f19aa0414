internal import Foundation
public import TriageEval
public import TriageEvalStore

/// Brings the store up to date with the case files, parsing only the files whose bytes changed since
/// their last import: re-running on 5,000 unchanged cases costs a hash per file, not a YAML parse per case.
///
/// A file is skipped only when its bytes (and ``CaseFileParser/readerRevision``) hash as recorded and
/// every case it yielded is still the latest revision of that id; anything else is parsed and imported.
public struct CaseFileSync: Sendable {
    public var workspace: Workspace
    public var store: Store

    public init(workspace: Workspace, store: Store) {
        self.workspace = workspace
        self.store = store
    }

    /// The outcome of one sync.
    public struct Synced: Sendable {
        /// Every case the files define, in file order.
        public var cases: [ImportedCaseFile.Entry]
        public var summary: CaseImportSummary
        /// Files parsed this time; the others were unchanged since their last import.
        public var parsedFiles: Int
    }

    /// Syncs the configured case directory (or the given files and directories). Every bad file is reported
    /// at once and nothing is imported then; ids must be unique across files.
    public func sync(_ paths: [String] = []) async throws -> Synced {
        let files = try workspace.caseFiles(paths)
        let recorded = try await store.importedCaseFiles()
        let latest = try await store.latestCaseHashes()
        var parsed: [TriageCase] = []
        var changedFiles: [ImportedCaseFile] = []
        var entries: [(file: String, cases: [ImportedCaseFile.Entry])] = []
        var reused: [String] = []
        var errors: [InputError] = []
        for file in files {
            let name = workspace.display(file)
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            guard let data = FileManager.default.contents(atPath: file) else {
                errors.append(InputError(file: name, message: "cannot read the file"))
                continue
            }
            let hash = "r\(CaseFileParser.readerRevision):" + SHA256Hex.of(data + workspace.documentsFileBytes(of: data, caseFile: file))
            if let previous = recorded[path], previous.fileHash == hash, previous.cases.allSatisfy({ latest[$0.id] == $0.contentHash }) {
                entries.append((name, previous.cases))
                reused += previous.cases.map(\.id)
                continue
            }
            do throws(InputError) {
                guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: name, message: "cannot read the file (is it UTF-8?)") }
                let cases = try CaseFileParser.parse(text, file: name, readFile: workspace.documentsReader(caseFile: file))
                let imported = ImportedCaseFile(path: path, fileHash: hash, cases: cases.map(ImportedCaseFile.Entry.init))
                parsed += cases
                changedFiles.append(imported)
                entries.append((name, imported.cases))
            } catch {
                errors.append(error)
            }
        }
        errors += Self.duplicateIDs(entries)
        if !errors.isEmpty { throw InputErrors(errors) }
        var summary = try await store.importCases(parsed, files: changedFiles)
        summary.unchanged += reused
        return Synced(cases: entries.flatMap(\.cases), summary: summary, parsedFiles: changedFiles.count)
    }

    /// One error per file that repeats an id defined in an earlier file.
    static func duplicateIDs(_ entries: [(file: String, cases: [ImportedCaseFile.Entry])]) -> [InputError] {
        var origin: [String: String] = [:]
        var errors: [InputError] = []
        for (file, cases) in entries {
            for item in cases {
                if let other = origin[item.id] {
                    errors.append(InputError(file: file, field: "id", message: "duplicate id \"\(item.id)\", also defined in \(other)"))
                    break
                }
                origin[item.id] = file
            }
        }
        return errors
    }
}
