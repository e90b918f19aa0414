import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalStore

/// `run --batch-api` and `collect` against llm-stub's batch endpoints: submit, poll, collect from another
/// process, expiry and partial errors, the batch price, and no key in the store or the output.
@Suite(.boundedResources) struct BatchAPICommandTests {
    static let key = "sk-batch-secret-4242"
    static let environment = ["TRIAGE_EVAL_TEST_BATCH_KEY": key]
    static let fast = ["--poll-interval", "0.05", "--poll-max", "0.2"]

    /// One batch-capable model on `stub`, priced, at half price in batches; only the host prompt, to keep it small.
    static func workspace(_ stub: StubServer, provider: String = "openai", batchAPIInConfig: Bool = false) throws -> URL {
        let directory = try CLI.workspace()
        let base = provider == "openai" ? "\(stub.baseURL)/v1" : stub.baseURL
        let config = """
            models:
              - id: batched
                provider: \(provider)
                model: stub-model
                base_url: \(base)
                api_key_env: TRIAGE_EVAL_TEST_BATCH_KEY
                concurrency: 2
                max_retries: 0
                price: {input_per_mtok: 1.0, output_per_mtok: 2.0, batch_discount: 0.5}
            \(batchAPIInConfig ? "    batch_api: true" : "")

            """
        try config.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    static func store(_ directory: URL) throws -> Store {
        try Store(path: directory.appendingPathComponent(".triage-eval/store.sqlite").path)
    }

    static func run(_ arguments: [String], in directory: URL) async throws -> CLI.Output {
        try await CLI.run(arguments, in: directory, environment: environment)
    }

    /// Every planned evaluation has exactly one stored result.
    static func expectOneResultPerItem(_ store: Store, run: RunInfo) async throws -> [StoredResult] {
        let results = try await store.results(run: run.id)
        #expect(results.count == run.planned)
        let keys = Set(results.map { "\($0.prompt)|\($0.caseID)|\($0.key.sample)|\($0.key.row)" })
        #expect(keys.count == run.planned)
        return results
    }

    static func creates(_ stub: StubServer, path: String) async throws -> [StubRecordedRequest] {
        try await stub.requests().filter { $0.method == "POST" && $0.path.hasSuffix(path) }
    }

    @Test func submittedThenCollectedByAFreshProcess() async throws {
        let stub = try await StubServer()
        let directory = try Self.workspace(stub)
        let dryRun = try await Self.run(["run", "--prompt", "host-triage", "--batch-api", "--dry-run"], in: directory)
        let row = try #require(dryRun.stdout.split(separator: "\n").first { $0.hasPrefix("batched ") }).split(separator: " ")
        #expect(row[3] == "1", "one batch request: \(dryRun.stdout)")
        let submitted = try await Self.run(["run", "--prompt", "host-triage", "--batch-api", "--no-wait", "--quiet", "--max-cost", "1"], in: directory)
        #expect(submitted.status == 3, "\(submitted.stderr)")
        #expect(submitted.stderr.contains("collect them with `triage-eval collect 1`"))
        let store = try Self.store(directory)
        let run = try #require(try await store.latestRun())
        #expect(run.status == .submitted)
        #expect(try await store.results(run: run.id).isEmpty)
        let batches = try await store.batches(run: run.id)
        #expect(batches.count == 1 && batches[0].state == .submitted && batches[0].providerBatchID?.hasPrefix("batch_stub") == true)
        #expect(batches[0].items.count == run.planned)

        // The reservations the submit was granted are held, not asked for again: a limit below them does not stop the collection.
        // `--no-wait`: one poll; the stub's batch has ended, so that one poll collects it.
        let collected = try await Self.run(["collect", "\(run.id)", "--quiet", "--no-wait", "--max-cost", "0.000001"], in: directory)
        #expect(collected.status == 0, "\(collected.stderr)")
        #expect(!collected.stderr.contains("--max-cost"))
        let done = try #require(try await store.run(run.id))
        #expect(done.status == .complete && done.errors == 0)
        _ = try await Self.expectOneResultPerItem(store, run: done)
        // Collected, not sent again: one upload and one batch in all.
        #expect(try await Self.creates(stub, path: "/v1/files").count == 1)
        #expect(try await Self.creates(stub, path: "/v1/batches").count == 1)
        // The ledger prices batch answers at half price: (in × $1 + out × $2) / 1e6 × 0.5.
        let expected = (Double(done.inputTokens) * 1.0 + Double(done.outputTokens) * 2.0) / 1_000_000 * 0.5
        #expect(done.inputTokens > 0 && abs(done.costUSD - expected) < 1e-12)
        // The key went to the stub in headers only: never into the store or the output.
        let storeDirectory = directory.appendingPathComponent(".triage-eval")
        for file in try FileManager.default.contentsOfDirectory(atPath: storeDirectory.path) {  // the store, its WAL and shared memory
            let bytes = try Data(contentsOf: storeDirectory.appendingPathComponent(file))
            #expect(bytes.range(of: Data(Self.key.utf8)) == nil, "\(file)")
        }
        #expect(!(submitted.stderr + submitted.stdout + collected.stderr + collected.stdout).contains(Self.key))
        #expect(try await stub.requests().contains { $0.headers["authorization"] == "Bearer \(Self.key)" })
    }

    @Test func aGateFailsARunWhoseBatchesAreNotCollected() async throws {
        let stub = try await StubServer()
        let directory = try Self.workspace(stub)
        let config = directory.appendingPathComponent("triage-eval.yaml")
        try (try String(contentsOf: config, encoding: .utf8) + "  - id: heuristic\n    provider: heuristic\n").write(to: config, atomically: true, encoding: .utf8)
        let submitted = try await Self.run(["run", "--prompt", "host-triage", "--batch-api", "--no-wait", "--quiet"], in: directory)
        #expect(submitted.status == 3, "\(submitted.stderr)")
        // The offline model answered; the batched one waits at the provider. Whatever the error allowance, no pass.
        let policy = directory.appendingPathComponent("lenient-gate.yaml")
        try "max_error_rate: 1\n".write(to: policy, atomically: true, encoding: .utf8)
        let gate = try await Self.run(["gate", "--run", "1", "--policy", policy.path], in: directory)
        #expect(gate.status == 1, "\(gate.stdout)\(gate.stderr)")
        #expect(gate.stdout.contains("provider batches not collected yet; collect them with `triage-eval collect 1`"), "\(gate.stdout)")
    }

    @Test func runResumeCollectsOpenBatchesWithoutTheFlag() async throws {
        let stub = try await StubServer()
        let directory = try Self.workspace(stub)
        let submitted = try await Self.run(["run", "--prompt", "host-triage", "--batch-api", "--no-wait", "--quiet"], in: directory)
        #expect(submitted.status == 3, "\(submitted.stderr)")
        let store = try Self.store(directory)
        let run = try #require(try await store.latestRun())
        // Neither --batch-api nor batch_api: the run's open batch alone puts the model in batch mode.
        let resumed = try await Self.run(["run", "--resume", "\(run.id)", "--quiet"] + Self.fast, in: directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        _ = try await Self.expectOneResultPerItem(store, run: try #require(try await store.run(run.id)))
        #expect(try await Self.creates(stub, path: "/v1/batches").count == 1)
        #expect(try await stub.requests().allSatisfy { !$0.path.hasSuffix("/chat/completions") })
    }

    @Test func killedWhilePollingThenCollectedFromAnotherProcess() async throws {
        // The batch runs until the test ends it (`POST /batches/end`), so the kill never races its end.
        let stub = try await StubServer(["--batch-delay-ms", "3600000"])
        let directory = try Self.workspace(stub)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", "--prompt", "host-triage", "--batch-api", "--quiet"] + Self.fast
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let child = ChildProcess(process)
        try child.run()
        let storePath = directory.appendingPathComponent(".triage-eval/store.sqlite").path
        var store: Store?
        var submitted = false
        // Polling starts once every batch is submitted (items go out in batches of the provider's size): killed before,
        // `collect` would rightly submit the rest itself.
        for _ in 0..<1200 where !submitted && process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            if store == nil, FileManager.default.fileExists(atPath: storePath) { store = try? Store(path: storePath) }
            let polled = try await stub.requests().contains { $0.method == "GET" && $0.path.hasPrefix("/v1/batches/") }
            if polled, let store, let run = try? await store.latestRun() {
                submitted = (try? await store.batches(run: run.id))?.contains { $0.state == .submitted } ?? false
            }
        }
        #expect(submitted && process.isRunning, "the run ended before its batch could be seen submitted and polled")
        kill(process.processIdentifier, SIGKILL)
        await child.exited()

        let db = try #require(store)
        let run = try #require(try await db.latestRun())
        // Its process is gone but its batch is open at the provider: waiting for `collect`, not lost.
        #expect(run.status == .submitted)
        #expect(try await db.results(run: run.id).isEmpty)
        _ = try await stub.send("POST", "/batches/end")
        let collected = try await Self.run(["collect", "\(run.id)", "--quiet"] + Self.fast, in: directory)
        #expect(collected.status == 0, "\(collected.stderr)")
        let done = try #require(try await db.run(run.id))
        #expect(done.status == .complete)
        _ = try await Self.expectOneResultPerItem(db, run: done)
        let exchanges = try await stub.requests().map { "\($0.method) \($0.path)" }
        #expect(try await Self.creates(stub, path: "/v1/batches").count == 1, "\(exchanges)\n\(collected.stderr)")
    }

    @Test func ctrlCWhilePollingLeavesTheBatchToCollect() async throws {
        let stub = try await StubServer(["--batch-delay-ms", "3600000"])
        let directory = try Self.workspace(stub)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", "--prompt", "host-triage", "--batch-api", "--quiet"] + Self.fast
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
        let errors = Scratch.url("batch-ctrlc")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        let child = ChildProcess(process)
        try child.run()
        var polled = false
        for _ in 0..<1200 where !polled && process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            polled = try await stub.requests().contains { $0.method == "GET" && $0.path.hasPrefix("/v1/batches/") }
        }
        #expect(polled && process.isRunning, "the run never polled its batch")
        kill(process.processIdentifier, SIGINT)
        #expect(await !child.killed(after: 120), "the run did not stop on Ctrl-C")
        #expect(process.terminationStatus == 130)
        let stderr = try String(contentsOf: errors, encoding: .utf8)
        #expect(stderr.contains("its provider batches keep running: collect them with `triage-eval collect 1`"), "\(stderr)")
        let store = try Self.store(directory)
        #expect(try await store.run(1)?.status == .submitted)
        _ = try await stub.send("POST", "/batches/end")
        let collected = try await Self.run(["collect", "1", "--quiet"] + Self.fast, in: directory)
        #expect(collected.status == 0, "\(collected.stderr)")
        #expect(try await store.run(1)?.status == .complete)
    }

    @Test func anExpiredBatchIsResubmitted() async throws {
        let stub = try await StubServer(["--batch-expire", "1"])
        let directory = try Self.workspace(stub)
        let output = try await Self.run(["run", "--prompt", "host-triage", "--batch-api"] + Self.fast, in: directory)
        #expect(output.status == 0, "\(output.stderr)")
        let store = try Self.store(directory)
        let run = try #require(try await store.latestRun())
        #expect(run.errors == 0)
        _ = try await Self.expectOneResultPerItem(store, run: run)
        // The stub expires the first batch's second half; exactly those go into a second batch.
        let files = try await Self.creates(stub, path: "/v1/files")
        #expect(files.count == 2)
        let resubmitted = files[1].body.components(separatedBy: "\"custom_id\"").count - 1
        #expect(resubmitted == run.planned - run.planned / 2)
        // Each poll shows the provider-side state and counts.
        #expect(output.stderr.contains("(batched): submitted, \(run.planned) requests"))
        #expect(output.stderr.contains("(batched): expired, \(run.planned / 2)/\(run.planned) succeeded, \(run.planned - run.planned / 2) failed"))
        #expect(output.stderr.contains("(batched): completed, \(resubmitted)/\(resubmitted) succeeded"))
        #expect(output.stderr.contains("\(resubmitted) requests resubmitted in a new batch"))
    }

    @Test func invalidRequestsAreReportedNotResubmitted() async throws {
        let stub = try await StubServer(["--batch-invalid-every", "4"])
        let directory = try Self.workspace(stub, batchAPIInConfig: true)
        let output = try await Self.run(["run", "--prompt", "host-triage", "--quiet"] + Self.fast, in: directory)
        #expect(output.status == 3, "\(output.stderr)")
        let store = try Self.store(directory)
        let run = try #require(try await store.latestRun())
        let results = try await Self.expectOneResultPerItem(store, run: run)
        let errors = results.filter(\.evaluation.isError)
        #expect(errors.count == run.planned / 4)
        #expect(errors.allSatisfy { $0.evaluation.error?.hasPrefix("bad_request") == true })
        #expect(try await Self.creates(stub, path: "/v1/batches").count == 1)
    }

    @Test func serverErrorsAreRetriedInNewBatchesThenReported() async throws {
        // Every 2nd request of every batch fails: n → n/2 → n/4 retried; after 3 batches n/8 remain, recorded as errors.
        let stub = try await StubServer(["--batch-error-every", "2"])
        let directory = try Self.workspace(stub)
        let output = try await Self.run(["run", "--prompt", "host-triage", "--batch-api", "--batch-attempts", "3", "--quiet"] + Self.fast, in: directory)
        #expect(output.status == 3, "\(output.stderr)")
        let store = try Self.store(directory)
        let run = try #require(try await store.latestRun())
        let results = try await Self.expectOneResultPerItem(store, run: run)
        #expect(results.filter(\.evaluation.isError).count == run.planned / 2 / 2 / 2)
        #expect(try await Self.creates(stub, path: "/v1/batches").count == 3)
        #expect(output.stderr.contains("recorded as errors"))
    }

    @Test(arguments: ["anthropic", "gemini", "azure-openai"])
    func batchAnswersEqualSynchronousAnswers(provider: String) async throws {
        let stub = try await StubServer()
        let directory = try Self.workspace(stub, provider: provider)
        if provider == "azure-openai" {
            let config = try String(contentsOf: directory.appendingPathComponent("triage-eval.yaml"), encoding: .utf8)
            try config.replacingOccurrences(of: "model: stub-model", with: "deployment: stub-model")
                .write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        }
        let sync = try await Self.run(["run", "--prompt", "host-triage", "--quiet", "--no-cache"], in: directory)
        #expect(sync.status == 0, "\(sync.stderr)")
        let batch = try await Self.run(["run", "--prompt", "host-triage", "--batch-api", "--quiet", "--no-cache"] + Self.fast, in: directory)
        #expect(batch.status == 0, "\(batch.stderr)")
        let store = try Self.store(directory)
        let runs = try await store.runs()
        let answers = { (run: RunInfo) async throws -> [String: String] in
            Dictionary(uniqueKeysWithValues: try await store.results(run: run.id).map { ("\($0.prompt)|\($0.caseID)", $0.evaluation.response ?? "") })
        }
        let batched = try await answers(runs[0]), synchronous = try await answers(runs[1])
        #expect(batched.count == runs[0].planned && batched == synchronous)
        #expect(try await store.batches(run: runs[0].id).count == 1)
    }
}
