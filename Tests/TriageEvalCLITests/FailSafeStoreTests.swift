import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalStore

/// Issue 11, items A2, B11, B12, B13 as a user meets them: exit codes, signals, several processes on one store,
/// values that cannot be stored.
@Suite(.boundedResources) struct FailSafeStoreTests {
    func storePath(_ directory: URL) -> String { directory.appendingPathComponent(".triage-eval/store.sqlite").path }

    // MARK: A2

    @Test("A2: a damaged store is exit 4 with one line naming it and what to do, never an error dump")
    func damagedStoreExitsFour() async throws {
        let directory = try CLI.workspace()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".triage-eval"), withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: storePath(directory)))
        for arguments in [["runs", "list"], ["cases", "list"], ["run", "--quiet"]] {
            let result = try await CLI.run(arguments, in: directory)
            #expect(result.status == 4, "\(arguments): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("error: "))
            #expect(result.stderr.contains(".triage-eval/store.sqlite"))
            #expect(result.stderr.contains("move it aside"))
            for dump in ["DecodingError", "EncodingError", "NSCocoaErrorDomain", "UserInfo", "SQLite error"] {
                #expect(!result.stderr.contains(dump), "\(result.stderr)")
            }
        }
    }

    @Test("A2: --help documents every exit code; bad usage is 2 for both executables")
    func exitCodesDocumented() async throws {
        let help = try await CLI.run(["--help"])
        #expect(help.status == 0)
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for code in ["0 ok", "1 gate failed", "2 usage", "3 run incomplete", "4 the tool could not do its job", "130/143"] {
            #expect(text.contains(code), "\(code) missing from --help")
        }
        #expect(try await CLI.run(["run", "--no-such-flag"]).status == 2)
        let stub = Process()
        stub.executableURL = CLI.binary.deletingLastPathComponent().appendingPathComponent("llm-stub")
        stub.arguments = ["--port", "99999"]
        stub.standardOutput = FileHandle.nullDevice
        stub.standardError = FileHandle.nullDevice
        #expect(try await ChildProcess.started(stub).exited() == 2)
    }

    // MARK: B11

    @Test("B11: Ctrl-C and SIGTERM stop sending, keep what was answered, mark the run interrupted, exit 130/143", arguments: [
        (SIGINT, Int32(130)), (SIGTERM, Int32(143)),
    ])
    func signalStopsGracefully(signal number: Int32, expected: Int32) async throws {
        // 138 calls, 2 at a time; the stub answers 6 and holds the rest until released: the run cannot finish first.
        let stub = try await StubServer(["--hold-after", "6"])
        let directory = try CLI.workspace(stub: stub)
        let scratch = Scratch.url("triage-eval-signal")
        _ = FileManager.default.createFile(atPath: scratch.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let errors = try FileHandle(forWritingTo: scratch)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", "--prompt", "host-triage@v2", "--samples", "2", "--quiet"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        // Created and migrated before the run starts (opening it while the run writes would wait for the write lock).
        let store: Store? = try Store(path: storePath(directory))
        let child = ChildProcess(process)
        try child.run()

        // Wait until some results are stored, then signal.
        var stored = 0
        for _ in 0..<2400 where stored < 4 && process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            if let store, let run = try? await store.latestRun() { stored = (try? await store.results(run: run.id).count) ?? 0 }
        }
        #expect(process.isRunning, "the run finished before it could be stopped")
        kill(process.processIdentifier, number)
        #expect(await !child.killed(after: 120), "the run did not stop on the signal")
        try errors.close()
        let stderr = String(decoding: try Data(contentsOf: scratch), as: UTF8.self)
        #expect(process.terminationStatus == expected, "\(stderr)")
        #expect(process.terminationReason == .exit)

        let db = try #require(store)
        let run = try #require(try await db.latestRun())
        #expect(run.status == .interrupted)
        #expect(stderr.contains("triage-eval run --resume \(run.id)"), "\(stderr)")
        let kept = try await db.results(run: run.id)
        #expect(kept.count >= stored)
        #expect(kept.count < run.planned)
        // Calls abandoned by the stop are missing, not errors.
        #expect(kept.allSatisfy { !$0.evaluation.isError }, "\(kept.compactMap(\.evaluation.error))")

        _ = try await stub.send("POST", "/release")
        let resumed = try await CLI.run(["run", "--resume", "\(run.id)", "--quiet"], in: directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let after = try await db.results(run: run.id)
        #expect(after.count == run.planned)
        #expect(Set(after.map(\.key)).count == run.planned)
        #expect(try await db.run(run.id)?.status == .complete)
    }

    // MARK: B12

    @Test("B12: processes opening and migrating a new store at the same moment all succeed")
    func concurrentFirstOpens() async throws {
        let directory = try CLI.workspace()
        for round in 0..<8 {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath(directory) + suffix) }
            let results = try await withThrowingTaskGroup(of: CLI.Output.self) { group in
                for _ in 0..<3 { group.addTask { try await CLI.run(["runs", "list"], in: directory) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for result in results {
                #expect(result.status == 0, "round \(round): \(result.stderr)")
                #expect(result.stdout.contains("no runs yet"))
            }
        }
    }

    @Test("B12: a run another live process executes is refused with exit 2 naming the holder; a dead holder's run is taken over")
    func resumeOfAHeldRun() async throws {
        let directory = try CLI.workspace()
        let first = try await CLI.run(["run", "--quiet", "--prompt", "host-triage@v2"], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let store = try Store(path: storePath(directory))
        let run = try #require(try await store.latestRun())

        // A holder on this host whose process is gone (kill -9): stale at once, so the run reads as interrupted
        // and is taken over.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try await ChildProcess.started(gone).exited()
        try await store.acquireRun(run.id, holder: "\(gone.processIdentifier)@\(ProcessInfo.processInfo.hostName)")
        #expect(try await store.run(run.id)?.status == .interrupted)
        let taken = try await CLI.run(["run", "--resume", "\(run.id)", "--quiet"], in: directory)
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(try await store.run(run.id)?.status == .complete)

        // Another host's process holds the run and its heartbeat is fresh: refused, nothing sent.
        try await store.acquireRun(run.id, holder: "4242@build-agent-7")
        #expect(try await store.run(run.id)?.status == .running)
        let refused = try await CLI.run(["run", "--resume", "\(run.id)", "--quiet"], in: directory)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("4242@build-agent-7"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try await store.run(run.id)?.status == .running)
    }

    // MARK: B13

    @Test("B13: a non-finite number is a file:line:field error, exit 2, nothing stored", arguments: [".nan", ".inf", "1e999", "-.Inf"])
    func nonFiniteNumberIsAnInputError(value: String) async throws {
        let directory = try CLI.workspace()
        let bad = """
            - id: nan-risk-01
              label: TP
              scenario: nan
              entity: {type: host, name: WS-1}
              max_risk_score: \(value)
              alert_summary: something happened

            """
        let file = directory.appendingPathComponent("bad.yaml")
        try bad.write(to: file, atomically: true, encoding: .utf8)
        let imported = try await CLI.run(["cases", "import", file.path], in: directory)
        #expect(imported.status == 2, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stderr.contains("bad.yaml:5:"), "\(imported.stderr)")
        #expect(imported.stderr.contains("max_risk_score"))
        #expect(imported.stderr.contains("finite"))
        // Nothing stored: other commands keep working and the case is unknown.
        let list = try await CLI.run(["cases", "list"], in: directory)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(!list.stdout.contains("nan-risk-01"))
        let store = try Store(path: storePath(directory))
        #expect(try await store.currentCases().allSatisfy { $0.item.id != "nan-risk-01" })
    }
}
