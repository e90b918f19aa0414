import Foundation
import StubTestSupport
import Testing
import TriageEvalStore

/// `cases import FILE.jsonl` streams the file into one transaction: a bad line after many good ones (changed
/// and new cases already written) is one `file:line: field: message` line, exit 2, and the store as before.
@Suite(.boundedResources) struct StreamedImportCommandTests {
    @Test func aBadLastLineIsExit2AndTheStoreIsUnchanged() async throws {
        let directory = try CLI.workspace()
        func line(_ n: Int, scenario: String) -> String {
            #"{"id":"gen-\#(n)","label":"TP","scenario":"\#(scenario)","alert_summary":"generated \#(n)"}"#
        }
        let file = directory.appendingPathComponent("all.jsonl")
        try ((0..<3000).map { line($0, scenario: "s") }.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let first = try await CLI.run(["cases", "import", file.path], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("3000 added"), "\(first.stdout)")
        let store = try Store(path: directory.appendingPathComponent(".triage-eval/store.sqlite").path)
        let hashes = try await store.latestCaseHashes()
        let files = try await store.importedCaseFiles()
        #expect(hashes.count == 3000)

        // 3,000 cases revised, 2,000 new ones, then a bad line: whole chunks are written before it is read.
        var text = (0..<5000).map { line($0, scenario: "renamed") }
        text.append(#"{"id":"last","label":"TP","scenario":"s","alert_count":-3,"entity":{"type":"host","name":"h"},"time_window_minutes":1,"max_risk_score":1,"rules":["r"]}"#)
        try (text.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let imported = try await CLI.run(["cases", "import", file.path], in: directory)
        #expect(imported.status == 2, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stderr.contains("all.jsonl:5001: cases[5000].alert_count: must not be negative"), "\(imported.stderr)")
        #expect(imported.stderr.split(separator: "\n").count == 1)
        #expect(try await store.latestCaseHashes() == hashes)
        #expect(try await store.importedCaseFiles() == files)

        // Fixed, the same file imports: the counts say what it did.
        try (text.dropLast().joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let fixed = try await CLI.run(["cases", "import", file.path], in: directory)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.contains("2000 added, 3000 revised"), "\(fixed.stdout.prefix(200))")
    }
}
