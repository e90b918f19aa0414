import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalStore

@Suite(.boundedResources) struct KillResumeTests {
    @Test func killNineThenResumeGivesExactlyThePlan() async throws {
        // 207 calls, 2 at a time; the stub answers 6 and holds the rest until released, so the run cannot finish
        // before the kill however loaded the machine (or the test process) is.
        let stub = try await StubServer(["--hold-after", "6"])
        let directory = try CLI.workspace(stub: stub)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", "--prompt", "host-triage@v2", "--samples", "3", "--quiet"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // The store is created and migrated before the run starts: opening it while the run writes would wait for
        // the write lock (migrations write), and on a loaded machine the run could finish before the test saw a result.
        let storePath = directory.appendingPathComponent(".triage-eval/store.sqlite").path
        let store: Store? = try Store(path: storePath)
        let child = ChildProcess(process)
        try child.run()

        // Wait until some results are stored (the timer flushes about every second), then kill -9.
        var stored = 0
        for _ in 0..<2400 where stored < 5 && process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            if let store, let run = try? await store.latestRun() { stored = (try? await store.results(run: run.id).count) ?? 0 }
        }
        #expect(process.isRunning, "the run finished before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        await child.exited()
        #expect(process.terminationReason == .uncaughtSignal)

        let db = try #require(store)
        let run = try #require(try await db.latestRun())
        // Its process is gone: the run reads as interrupted (stale lease), not running forever (issue 11 B11).
        #expect(run.status == .interrupted)
        let before = try await db.results(run: run.id)
        #expect(before.count >= 5)
        #expect(before.count < run.planned)
        _ = try await stub.send("POST", "/release")
        try await Task.sleep(for: .milliseconds(500)) // requests the killed run left in flight reach the stub's count
        let requestsBefore = try await stub.stats().requests

        let resumed = try await CLI.run(["run", "--resume", "\(run.id)", "--quiet"], in: directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")

        let after = try await db.results(run: run.id)
        #expect(after.count == run.planned)
        #expect(Set(after.map(\.key)).count == run.planned)
        #expect(after.allSatisfy { !$0.evaluation.isError && $0.evaluation.response != nil })
        let cases = Set(after.map(\.caseID))
        #expect(cases.count * 3 == run.planned)
        for caseID in cases {
            #expect(after.filter { $0.caseID == caseID }.map(\.key.sample).sorted() == [0, 1, 2])
        }
        // What was written before the kill is kept as it was; only the rest was sent again.
        let kept = Dictionary(uniqueKeysWithValues: after.map { ($0.key, $0.evaluation.response) })
        #expect(before.allSatisfy { kept[$0.key] == $0.evaluation.response })
        let resumedRequests = try await stub.stats().requests - requestsBefore
        #expect(resumedRequests == run.planned - before.count, "planned \(run.planned), kept \(before.count), requests before \(requestsBefore)")
        #expect(try await db.run(run.id)?.status == .complete)
    }
}
