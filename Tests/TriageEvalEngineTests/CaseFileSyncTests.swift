import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalEngine
@testable import TriageEvalStore

@Suite("Case file sync", .boundedResources)
struct CaseFileSyncTests {
    @Test("an unchanged file is not parsed again, and yields the same cases")
    func unchangedFileIsSkipped() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        let first = try await sync.sync()
        #expect(first.parsedFiles == 1)
        #expect(first.summary.added.count == 4)
        let second = try await sync.sync()
        #expect(second.parsedFiles == 0)
        #expect(second.summary.added.isEmpty && second.summary.revised.isEmpty)
        #expect(second.summary.unchanged.sorted() == first.summary.added.sorted())
        #expect(second.cases == first.cases)
        #expect(Set(second.cases.map(\.scenario)) == ["certutil", "SCCM"])
    }

    @Test("an edited file is parsed and its changed case gets a new revision")
    func editedFileIsImported() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        _ = try await sync.sync()
        try temp.write(caseYAML.replacingOccurrences(of: "alert_count: 7", with: "alert_count: 8"), to: "cases/hosts.yaml")
        let synced = try await sync.sync()
        #expect(synced.parsedFiles == 1)
        #expect(synced.summary.revised == ["cert-download-01"])
        #expect(synced.summary.unchanged.count == 3)
        let stored = try #require(try await temp.store.currentCases().first { $0.item.id == "cert-download-01" })
        #expect(stored.revision == 2)
        #expect(stored.item.alertCount == 8)
    }

    @Test("a file imported from elsewhere that redefines a case of the case set is an error, and nothing is imported")
    func caseRedefinedElsewhereIsAnError() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        _ = try await sync.sync()
        let other = temp.directory.appendingPathComponent("elsewhere.yaml")
        try caseYAML.replacingOccurrences(of: "alert_count: 7", with: "alert_count: 99").write(to: other, atomically: true, encoding: .utf8)
        let thrown = await #expect(throws: InputErrors.self) { try await sync.sync([other.path]) }
        #expect(thrown?.description.contains("duplicate id \"cert-download-01\"") == true)
        #expect(try await temp.store.currentCases().first { $0.item.id == "cert-download-01" }?.item.alertCount == 7)
        #expect(try await sync.sync().cases.count == 4)
    }

    @Test("a duplicate id in a new file is an error naming both files, even when the first file is skipped")
    func duplicateAcrossSkippedFile() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        _ = try await sync.sync()
        try temp.write(caseYAML, to: "cases/more.yaml")
        let thrown = await #expect(throws: InputErrors.self) { try await sync.sync() }
        let error = try #require(thrown?.errors.first)
        #expect(thrown?.errors.count == 1)
        #expect(error.file.hasSuffix("cases/more.yaml"))
        #expect(error.message.contains("duplicate id \"cert-download-01\", also defined in"))
        #expect(error.message.hasSuffix("cases/hosts.yaml"))
        #expect(try await temp.store.importedCaseFiles().count == 1)
    }

    @Test("only the entries of files kept as they are are compared with the latest revisions, in the store; an edited file's are not read")
    func keptFilesComparedInTheStore() async throws {
        let temp = try Self.bulkWorkspace(label: "FP")
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        let first = try await sync.sync()
        #expect(first.cases.count == 304)
        // Nothing changed: the 304 recorded entries are compared (one latest hash each), none parsed.
        var before = temp.store.instrumentation.caseHashesRead
        let unchanged = try await sync.sync()
        #expect(unchanged.parsedFiles == 0)
        #expect(unchanged.cases == first.cases)
        #expect(temp.store.instrumentation.caseHashesRead - before == 304)
        // The 4-case file edited: only the 300 kept entries are compared; the edited file is parsed instead, and its
        // import looks up its 4 cases' latest hashes (reading every recorded entry's would make it 308).
        try temp.write(caseYAML.replacingOccurrences(of: "alert_count: 7", with: "alert_count: 8"), to: "cases/hosts.yaml")
        before = temp.store.instrumentation.caseHashesRead
        let edited = try await sync.sync()
        #expect(edited.parsedFiles == 1)
        #expect(edited.summary.revised == ["cert-download-01"])
        #expect(edited.cases.count == 304)
        #expect(temp.store.instrumentation.caseHashesRead - before == 300 + 4)
        // A kept file whose case was revised by another file since is parsed again (its entry is not the latest).
        let bulk = try #require(try await temp.store.importedCaseFiles().values.first { $0.path.hasSuffix("bulk.yaml") })
        var revised = try #require(try await temp.store.currentCases(ids: ["bulk-7"]).first).item
        revised.alertCount = 2
        _ = try await temp.store.importCases([revised])
        let again = try await sync.sync()
        #expect(again.parsedFiles == 1)
        #expect(again.summary.revised == ["bulk-7"])
        #expect(try await temp.store.importedCaseFiles().values.first { $0.path.hasSuffix("bulk.yaml") }?.cases == bulk.cases)
    }

    @Test("the run's sync holds no case list of the kept files: their cases' lean views come from the store by file, less the removed ones")
    func caseSetRefsReadKeptFilesInTheStore() async throws {
        let temp = try Self.bulkWorkspace(label: "TP")
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        let listed = try await sync.sync()
        try await temp.store.removeCases(["bulk-3", "cert-download-01"])
        // Nothing changed: both files are kept, and neither's cases are read into the sync's list.
        let lean = try await sync.sync([], mapping: nil, listKept: false)
        #expect(lean.parsedFiles == 0)
        #expect(lean.cases.isEmpty)
        #expect(lean.keptFiles.count == 2)
        let expected = listed.cases.map(\.id).filter { $0 != "bulk-3" && $0 != "cert-download-01" }.sorted()
        #expect(expected.count == 302)
        let refs = try await sync.caseSetRefs().cases
        #expect(refs.map(\.id) == expected)
        #expect(refs.map(\.contentHash) == listed.cases.filter { expected.contains($0.id) }.sorted { $0.id < $1.id }.map(\.contentHash))
        // One file edited: its cases are read (and listed), the other is still kept and read from the store.
        try temp.write(caseYAML.replacingOccurrences(of: "alert_count: 7", with: "alert_count: 8"), to: "cases/hosts.yaml")
        let edited = try await sync.sync([], mapping: nil, listKept: false)
        #expect(edited.parsedFiles == 1)
        #expect(edited.cases.map(\.id).sorted() == ["cert-decode-02", "sccm-inventory-02", "sccm-script-01"])
        #expect(edited.keptFiles.count == 1 && edited.keptFiles[0].hasSuffix("bulk.yaml"))
        #expect(try await sync.caseSetRefs().cases.map(\.id) == expected)
    }

    @Test("a file recorded by another reader revision is parsed again")
    func readerRevisionIsPartOfTheHash() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        _ = try await sync.sync()
        let recorded = try #require(try await temp.store.importedCaseFiles().values.first)
        #expect(recorded.fileHash.hasPrefix("r\(CaseFileParser.readerRevision):"))
        var stale = recorded
        let digest = try #require(recorded.fileHash.split(separator: ":").last)
        stale.fileHash = "r0:\(digest)"
        let staleRecord = stale
        _ = try await temp.store.importCases { writer in writer.record(staleRecord) }
        #expect(try await sync.sync().parsedFiles == 1)
    }

    /// The fixture workspace plus `cases/bulk.yaml`: 300 generated host cases with this label.
    static func bulkWorkspace(label: String) throws -> TemporaryWorkspace {
        let temp = try TemporaryWorkspace()
        let many = (0..<300).map { index in
            "- {id: bulk-\(index), label: \(label), scenario: bulk, entity: {type: host, name: H-\(index)}, alert_count: 1, time_window_minutes: 1, max_risk_score: 21, rules: [Generated rule]}"
        }
        try temp.write(many.joined(separator: "\n") + "\n", to: "cases/bulk.yaml")
        return temp
    }

    @Test("a case file's documents files are found by line, in LF and CRLF files alike; a file naming none adds nothing")
    func documentsFilesOfACaseFile() throws {
        let temp = try TemporaryWorkspace()
        try temp.write("{\"a\": 1}\n", to: "cases/d.ndjson")
        try FileManager.default.createDirectory(at: temp.directory.appendingPathComponent("cases/docs"), withIntermediateDirectories: true)
        try temp.write("{\"b\": 2}\n", to: "cases/docs/e.ndjson")
        let file = temp.workspace.resolve("cases/hosts.yaml")
        let lf = "- id: x\n  documents_file: d.ndjson\n- id: y\n    documents_file: 'docs/e.ndjson'\n"
        let expected = Data("d.ndjson{\"a\": 1}\ndocs/e.ndjson{\"b\": 2}\n".utf8)
        #expect(temp.workspace.documentsFileBytes(of: Data(lf.utf8), caseFile: file) == expected)
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(temp.workspace.documentsFileBytes(of: Data(crlf.utf8), caseFile: file) == expected)
        #expect(temp.workspace.documentsFileBytes(of: Data("- id: z\n  notes: no documents here\n".utf8), caseFile: file).isEmpty)
    }
}
