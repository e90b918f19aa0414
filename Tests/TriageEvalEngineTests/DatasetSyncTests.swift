import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalEngine
@testable import TriageEvalStore

/// A dataset imported with a mapping stays in the case set, re-read with its recorded mapping.
@Suite("Dataset sync", .boundedResources)
struct DatasetSyncTests {
    /// `Tests/Fixtures/datasets/<name>` copied into the workspace, outside its cases directory.
    func copy(_ name: String, into temp: TemporaryWorkspace) throws -> String {
        let target = temp.directory.appendingPathComponent(name)
        try TestFixtures.data("datasets/\(name)").write(to: target)
        return target.path
    }

    func curlMapping() throws -> DatasetMapping {
        try DatasetMapping.parseYAML(String(decoding: try TestFixtures.data("datasets/curl-events.mapping.yaml"), as: UTF8.self), file: "m.yaml")
    }

    @Test("re-importing a dataset, with or without its mapping, is a no-op; the case set keeps it and re-reads it with the recorded mapping")
    func reimportIsIdempotent() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        let file = try copy("curl-events.jsonl", into: temp)
        let mapping = try curlMapping()
        let first = try await sync.sync([file], mapping: mapping)
        #expect(first.summary.added.sorted() == ["curl-health-01", "curl-pipe-sh-01"])
        #expect(first.drafts.map(\.ids) == [["curl-unreviewed-01", "curl-unreviewed-02"]])
        #expect(first.draftNote?.hasPrefix("2 draft cases skipped until labeled (label: null): curl-unreviewed-01, curl-unreviewed-02") == true)
        #expect(try await temp.store.importedCaseFiles()[CaseFileSync.key(file)]?.mapping == mapping)

        let again = try await sync.sync([file], mapping: mapping)
        #expect(again.parsedFiles == 0)
        #expect(again.summary.added.isEmpty && again.summary.revised.isEmpty)
        #expect(again.summary.unchanged.sorted() == ["curl-health-01", "curl-pipe-sh-01"])

        // Without a mapping, a re-import uses the recorded one (it is not read as an exported case file).
        let plain = try await sync.sync([file])
        #expect(plain.parsedFiles == 0)
        #expect(plain.summary.unchanged.count == 2)

        // The case set (no paths) holds the dataset's cases beside the case directory's, one revision each.
        let (cases, _) = try await sync.caseSet()
        #expect(cases.filter { $0.item.id.hasPrefix("curl-") }.map(\.revision) == [1, 1])
        #expect(cases.first { $0.item.id == "curl-pipe-sh-01" }?.item.documents?.first?.index == "logs-endpoint.events.process-default")
        #expect(cases.count == 6)
    }

    @Test("a dataset inside the cases directory is read with its recorded mapping by the directory's sync")
    func datasetInsideCasesDirectory() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        let file = temp.directory.appendingPathComponent("cases/curl-events.jsonl")
        try TestFixtures.data("datasets/curl-events.jsonl").write(to: file)
        _ = try await sync.sync([file.path], mapping: try curlMapping())
        // The first directory sync parses only cases/hosts.yaml; the dataset is read as recorded, not as a case file.
        #expect(try await sync.sync().parsedFiles == 1)
        let synced = try await sync.sync()
        #expect(synced.parsedFiles == 0)
        #expect(synced.cases.map(\.id).filter { $0.hasPrefix("curl-") } == ["curl-pipe-sh-01", "curl-health-01"])
        // Edited, it is parsed again, still as a dataset.
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self).replacingOccurrences(of: "\"Benign\"", with: "\"malicious\"")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let edited = try await sync.sync()
        #expect(edited.parsedFiles == 1)
        #expect(edited.summary.revised == ["curl-health-01"])
        #expect(try await temp.store.currentCases().first { $0.item.id == "curl-health-01" }?.item.label == .tp)
    }

    @Test("a changed mapping re-reads the file: a case whose document changes gets a new revision")
    func changedMappingRereads() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        let file = try copy("curl-events.jsonl", into: temp)
        var mapping = try curlMapping()
        _ = try await sync.sync([file], mapping: mapping)
        mapping.index = "logs-endpoint.events.process-other"
        let changed = try await sync.sync([file], mapping: mapping)
        #expect(changed.parsedFiles == 1)
        #expect(changed.summary.revised.sorted() == ["curl-health-01", "curl-pipe-sh-01"])
        #expect(try await temp.store.currentCases().first { $0.item.id == "curl-health-01" }?.item.documents?.first?.index == "logs-endpoint.events.process-other")
    }

    @Test("a bad dataset line is an error naming file and line, and nothing is stored")
    func badLineStoresNothing() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        let file = try copy("bad-label.jsonl", into: temp)
        let thrown = await #expect(throws: InputErrors.self) { try await sync.sync([file], mapping: try curlMapping()) }
        #expect(thrown?.errors.map(\.line) == [3])
        #expect(thrown?.errors.first?.field == "triage.verdict")
        #expect(try await temp.store.currentCases().isEmpty)
        #expect(try await temp.store.importedCaseFiles().isEmpty)
    }

    @Test("a mapping given with a directory is refused")
    func mappingNeedsOneFile() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        await #expect(throws: InputError.self) { try await sync.sync([temp.directory.appendingPathComponent("cases").path], mapping: try curlMapping()) }
    }
}
