import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalEngine
@testable import TriageEvalStore

/// A `.jsonl` case file is streamed from disk into one import transaction, its cases written in chunks
/// (``CaseImportWriter/chunkSize``) as they are read: these files span several chunks.
@Suite("Streamed JSONL import", .boundedResources)
struct StreamedImportTests {
    /// Generated host cases, one JSON object per line (as `Benchmarks/import.sh` writes them); `alertCount` per index.
    static func jsonl(_ range: Range<Int>, alertCount: (Int) -> Int = { 1 + $0 % 9 }, bad: (line: Int, text: String)? = nil) -> String {
        var lines = range.map { i in
            #"{"alert_count":\#(alertCount(i)),"command_lines":["cmd.exe /c echo \"gen\" \#(i) / é"],"entity":{"name":"WS-GEN-\#(i)","type":"host"},"#
                + #""id":"big-\#(i)","label":"\#(i % 2 == 0 ? "TP" : "FP")","max_risk_score":\#(Double(21 + i % 79) + (i % 4 == 0 ? 0.5 : 0)),"#
                + #""rules":["Generated Rule"],"scenario":"generated-\#(i % 20)","source":"generated","tags":["generated"],"time_window_minutes":\#(1 + i % 30)}"#
        }
        if let bad { lines[bad.line - 1] = bad.text }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Content hashes by id, from JSON written by Foundation's `JSONEncoder` of the cases the YAML reading of the same
    /// lines yields (`- LINE` per line, how `.jsonl` files were first read): independent of the streamed reader and encoder.
    static func expectedHashes(_ text: String) throws -> [String: String] {
        let yaml = text.split(separator: "\n").map { "- " + $0 }.joined(separator: "\n")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var hashes: [String: String] = [:]
        for item in try CaseFileParser.parse(yaml, file: "big.yaml") {
            hashes[item.id] = SHA256Hex.of(try encoder.encode(item))
        }
        return hashes
    }

    @Test("a streamed file stores what the YAML reading and JSONEncoder would, and its counts span chunks")
    func streamedFileStoresTheSameCases() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        let first = Self.jsonl(0..<5000)
        try temp.write(first, to: "cases/big.jsonl")
        let synced = try await sync.sync()
        #expect(synced.summary.added.count == 5004)
        #expect(synced.cases.count == 5004)
        let stored = try await temp.store.latestCaseHashes()
        let expected = try Self.expectedHashes(first)
        #expect(expected.count == 5000)
        #expect(expected.allSatisfy { stored[$0.key] == $0.value })
        #expect(try await temp.store.importedCaseFiles().values.first { $0.path.hasSuffix("big.jsonl") }?.cases.count == 5000)

        // 10 changed (alert_count), 5 new, 3 gone: the counts are right across chunks.
        let second = Self.jsonl(3..<5005, alertCount: { $0 >= 2000 && $0 < 2010 ? 100 : 1 + $0 % 9 })
        try temp.write(second, to: "cases/big.jsonl")
        let again = try await sync.sync()
        #expect(again.parsedFiles == 1)
        #expect(again.summary.added.sorted() == (5000..<5005).map { "big-\($0)" })
        #expect(again.summary.revised.sorted() == (2000..<2010).map { "big-\($0)" }.sorted())
        #expect(again.summary.unchanged.count == 5002 - 15 + 4)
        #expect(again.cases.count == 5002 + 4)
        #expect(try await temp.store.currentCases(ids: ["big-2005"]).first?.revision == 2)
        #expect(try await sync.sync().parsedFiles == 0)
    }

    @Test("a bad line near the end of a streamed file is file:line: field: message and leaves the store as it was")
    func badLineRollsBackEverything() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        try temp.write(Self.jsonl(0..<3000), to: "cases/big.jsonl")
        _ = try await sync.sync()
        let hashes = try await temp.store.latestCaseHashes()
        let files = try await temp.store.importedCaseFiles()

        // Changed and new cases fill whole chunks before line 4,998 is read.
        let bad = #"{"id":"x","label":"maybe","scenario":"s","alert_summary":"a"}"#
        try temp.write(Self.jsonl(0..<5000, alertCount: { _ in 42 }, bad: (4998, bad)), to: "cases/big.jsonl")
        let thrown = await #expect(throws: InputErrors.self) { try await sync.sync() }
        let error = try #require(thrown?.errors.first)
        #expect(thrown?.errors.count == 1)
        #expect(error.file.hasSuffix("big.jsonl"))
        #expect(error.line == 4998)
        #expect(error.description.hasSuffix(#"big.jsonl:4998: cases[4997].label: must be TP or FP, got "maybe""#))
        #expect(try await temp.store.latestCaseHashes() == hashes)
        #expect(try await temp.store.importedCaseFiles() == files)
        #expect(try await temp.store.currentCases(ids: ["big-10"]).first?.item.alertCount == 2)
    }

    @Test("a bad streamed file and a bad YAML file are both reported, and nothing is stored")
    func everyBadFileIsReported() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        try temp.write(Self.jsonl(0..<2500, bad: (2400, "{not json")), to: "cases/big.jsonl")
        try temp.write("- id: y\n  label: TP\n", to: "cases/other.yaml")
        let thrown = await #expect(throws: InputErrors.self) { try await sync.sync() }
        #expect(thrown?.errors.map(\.line).sorted { ($0 ?? 0) < ($1 ?? 0) }.contains(2400) == true)
        #expect(thrown?.errors.contains { $0.file.hasSuffix("other.yaml") } == true)
        #expect(try await temp.store.latestCaseHashes().isEmpty)
        #expect(try await temp.store.importedCaseFiles().isEmpty)
    }

    @Test("drafts of a streamed file are named in file order among the other files' drafts")
    func draftsKeepFileOrder() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        try temp.write("- id: a-draft\n  label: null\n", to: "cases/a.yaml")
        try temp.write(#"{"id":"b-draft","label":null}"# + "\n" + #"{"id":"b-1","label":"TP","scenario":"s","alert_summary":"x"}"# + "\n", to: "cases/b.jsonl")
        try temp.write("- id: c-draft\n  label: null\n", to: "cases/c.yaml")
        let synced = try await sync.sync()
        #expect(synced.drafts.map(\.ids) == [["a-draft"], ["b-draft"], ["c-draft"]])
        #expect(synced.drafts.map { URL(fileURLWithPath: $0.file).lastPathComponent } == ["a.yaml", "b.jsonl", "c.yaml"])
        #expect(synced.cases.contains { $0.id == "b-1" })
    }
}
