import Foundation
import StubTestSupport
import Testing
import TriageEvalReports
import TriageEvalStore

/// `results export` streams a run a chunk at a time (ChunkedOutput): the same bytes as the whole-run export.
@Suite("Streaming results export", .boundedResources)
struct StreamingExportCommandTests {
    @Test("an export larger than several chunks equals the whole-run export, to a file and to standard output")
    func streamedExportEqualsTheWholeExport() async throws {
        let directory = try CLI.workspace()
        #expect(try await CLI.run(["run", "--quiet", "--samples", "4"], in: directory).status == 0)
        let store = try Store(path: directory.appendingPathComponent(".triage-eval/store.sqlite").path)
        let results = try await store.results(run: 1)
        #expect(results.count == 156 * 4)
        for (format, whole) in [("jsonl", try ResultsExport.jsonLines(results)), ("csv", ResultsExport.csv(results))] {
            #expect(whole.utf8.count > 2 * 65_536, "the fixture run is too small to need several chunks")
            let file = directory.appendingPathComponent("export.\(format)")
            let toFile = try await CLI.run(["results", "export", "--format", format, "--out", file.path], in: directory)
            #expect(toFile.status == 0, "\(toFile.stderr)")
            #expect(try String(contentsOf: file, encoding: .utf8) == whole)
            let toStdout = try await CLI.run(["results", "export", "--format", format], in: directory)
            #expect(toStdout.stdout == whole)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty)
    }

    @Test("an export that cannot be written leaves nothing behind")
    func failedExportLeavesNothing() async throws {
        let directory = try CLI.workspace()
        #expect(try await CLI.run(["run", "--quiet", "--prompt", "host-triage@v2"], in: directory).status == 0)
        let file = directory.appendingPathComponent("missing-dir/export.jsonl")
        let output = try await CLI.run(["results", "export", "--out", file.path], in: directory)
        #expect(output.status != 0)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
    }
}
