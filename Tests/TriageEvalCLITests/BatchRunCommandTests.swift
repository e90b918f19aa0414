import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalStore

/// `triage-eval run` with an `esql-completion` model: the bundled cases in `⌈n/100⌉` `_query` requests.
@Suite(.boundedResources) struct BatchRunCommandTests {
    static let environment = ["TRIAGE_EVAL_TEST_ES_KEY": "k"]

    func configure(_ directory: URL, stub: StubServer, batchSize: Int? = nil) throws {
        let config = """
            models:
              - id: es
                provider: esql-completion
                base_url: \(stub.baseURL)
                inference_id: stub-endpoint
                api_key_env: TRIAGE_EVAL_TEST_ES_KEY
                concurrency: 1
                max_retries: 0
                circuit_breaker: 0
            \(batchSize.map { "    batch_size: \($0)" } ?? "")

            """
        try config.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
    }

    /// `run --dry-run`'s row for the model: (evaluations, requests).
    func dryRun(_ directory: URL) async throws -> (evaluations: Int, calls: Int) {
        let output = try await CLI.run(["run", "--dry-run", "--no-cache"], in: directory, environment: Self.environment)
        #expect(output.status == 0, "\(output.stderr)")
        let row = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("es ") })
        let cells = row.split(separator: " ", omittingEmptySubsequences: true)
        return (try #require(Int(cells[1])), try #require(Int(cells[3])))
    }

    /// prompt|case → stored answer.
    func answers(_ store: Store, run: Int64) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await store.results(run: run).map { ("\($0.prompt)|\($0.caseID)", $0.evaluation.response ?? "") })
    }

    @Test func failedBatchesExit3ThenResumeAndBatchSizeOneAgree() async throws {
        let directory = try CLI.workspace()
        let failing = try await StubServer(["--faults", "500", "--fault-rate", "1"])
        try configure(directory, stub: failing)
        let (evaluations, calls) = try await dryRun(directory)
        #expect(evaluations > 100)
        #expect(calls == (evaluations + 99) / 100)

        let failed = try await CLI.run(["run", "--no-cache", "--quiet"], in: directory, environment: Self.environment)
        #expect(failed.status == 3, "\(failed.stderr)")
        #expect(try await failing.stats().requests == calls)
        let store = try Store(path: directory.appendingPathComponent(".triage-eval/store.sqlite").path)
        let run = try #require(try await store.latestRun())
        #expect(run.status == .incomplete)
        #expect(run.errors == evaluations)

        // The endpoint is fixed: resume redoes every failed item, again in full batches.
        let healthy = try await StubServer()
        try configure(directory, stub: healthy)
        let resumed = try await CLI.run(["run", "--resume", "\(run.id)", "--no-cache"], in: directory, environment: Self.environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("\(evaluations) evaluations, \(evaluations) calls in \(calls) requests, 0 cached"), "\(resumed.stdout)")
        #expect(try await healthy.stats().requests == calls)
        let batched = try await answers(store, run: run.id)
        #expect(batched.count == evaluations)
        #expect(batched.values.allSatisfy { $0.hasPrefix("verdict=") })
        #expect(try await store.run(run.id)?.status == .complete)

        try configure(directory, stub: healthy, batchSize: 1)
        #expect(try await dryRun(directory) == (evaluations, evaluations))
        let single = try await CLI.run(["run", "--no-cache"], in: directory, environment: Self.environment)
        #expect(single.status == 0, "\(single.stderr)")
        #expect(single.stdout.contains("\(evaluations) evaluations, \(evaluations) calls, 0 cached"), "\(single.stdout)")
        #expect(try await healthy.stats().requests == calls + evaluations)
        let singleRun = try #require(try await store.latestRun())
        #expect(singleRun.id != run.id)
        #expect(try await answers(store, run: singleRun.id) == batched)
    }

    @Test func batchSizeOutOfRangeExits2NamingModelAndField() async throws {
        let directory = try CLI.workspace()
        let stub = try await StubServer()
        try configure(directory, stub: stub, batchSize: 101)
        let output = try await CLI.run(["run", "--quiet"], in: directory, environment: Self.environment)
        #expect(output.status == 2)
        #expect(output.stderr.contains("models[0].batch_size: model \"es\": must be an integer from 1 to 100"))
        #expect(try await stub.stats().requests == 0)
    }
}
