import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalProviders
@testable import TriageEvalEngine
@testable import TriageEvalStore

/// `esql-completion` runs send up to `batch_size` items per `POST /_query`, against the real llm-stub.
@Suite("Engine: batched ES|QL COMPLETION runs", .boundedResources)
struct BatchRunTests {
    static let caseCount = 150

    static func caseID(_ index: Int) -> String { "batch-case-\(String(format: "%03d", index))" }

    /// The answer the stub replays for a case: unique per case, so a shuffled answer shows.
    static func answer(_ index: Int) -> String {
        "verdict=\(index.isMultiple(of: 3) ? "FP" : "TP") confidence=0.9\(String(format: "%03d", index)) summary=answer for \(caseID(index))"
    }

    /// A workspace with `caseCount` host cases, each naming its own id as the host (so the stub's replay
    /// finds the case id in the prompt), and the replay file the stub answers from.
    static func workspace() throws -> (TemporaryWorkspace, replay: String) {
        let temp = try TemporaryWorkspace()
        var cases = ""
        var replay = ""
        for index in 0..<caseCount {
            cases += """
                - id: \(caseID(index))
                  label: \(index.isMultiple(of: 2) ? "TP" : "FP")
                  scenario: synthetic
                  entity: {type: host, name: \(caseID(index))}
                  alert_count: 1
                  time_window_minutes: 1
                  max_risk_score: 21
                  rules: ["Synthetic"]
                  command_lines: ['cmd.exe /c echo \(index) "quoted" \\\\share']

                """
            let line = try JSONSerialization.data(withJSONObject: ["case_id": caseID(index), "sample": 0, "response": answer(index)] as [String: Any], options: [.sortedKeys])
            replay += String(decoding: line, as: UTF8.self) + "\n"
        }
        try cases.write(to: temp.directory.appendingPathComponent("cases/hosts.yaml"), atomically: true, encoding: .utf8)
        try replay.write(to: temp.directory.appendingPathComponent("stub-answers.jsonl"), atomically: true, encoding: .utf8)
        return (temp, temp.directory.appendingPathComponent("stub-answers.jsonl").path)
    }

    static func model(_ baseURL: String, batchSize: Int? = nil, maxRetries: Int = 0, circuitBreaker: Int? = nil) -> ModelConfig {
        ModelConfig(
            id: "es", provider: .esqlCompletion, baseURL: baseURL, apiKeyEnv: "ES_KEY", options: ["inference_id": "stub-endpoint"],
            concurrency: 1, maxRetries: maxRetries, timeoutSeconds: 30, circuitBreaker: circuitBreaker, batchSize: batchSize
        )
    }

    static func provider(_ config: ModelConfig, _ temp: TemporaryWorkspace) throws -> any ModelProvider {
        try ProviderFactory.make(config, directory: temp.directory.path, environment: ["ES_KEY": "k"])
    }

    static let request = RunRequest(prompts: ["host-triage@v1"], models: ["recorded"])

    /// case id → stored answer text.
    static func answers(_ store: Store, run: Int64) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await store.results(run: run).map { ($0.caseID, $0.evaluation.response ?? "error: \($0.evaluation.error ?? "")") })
    }

    static var expected: [String: String] {
        Dictionary(uniqueKeysWithValues: (0..<caseCount).map { (caseID($0), answer($0)) })
    }

    @Test("150 items: 2 requests of 100 + 50 rows, each answer stored with its own case; batch_size 1 sends 150 and stores the same")
    func batchedRun() async throws {
        let (temp, replay) = try Self.workspace()
        let stub = try await StubServer(["--answer", "replay:\(replay)"])
        let config = Self.model(stub.baseURL)
        let plan = try await temp.livePlan(config, provider: try Self.provider(config, temp), request: Self.request)
        #expect(plan.count == Self.caseCount)
        #expect(plan.models[0].requestBatchSize == 100)
        #expect(try await RunEstimator(store: temp.store, plan: plan).estimate().calls == 2)

        let (info, outcome) = try await temp.execute(plan)
        #expect(info.status == .complete)
        #expect(info.errors == 0)
        #expect(outcome.counters.calls == Self.caseCount)
        let requests = try await stub.requests().filter { $0.path == "/_query" }
        #expect(requests.count == 2)
        let rows = requests.map { request in
            let query = (try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])?["query"] as? String ?? ""
            return query.components(separatedBy: "cmd.exe /c echo ").count - 1
        }
        #expect(rows == [100, 50])
        #expect(try await Self.answers(temp.store, run: info.id) == Self.expected)
        let results = try await temp.store.results(run: info.id)
        #expect(results.allSatisfy { result in
            let index = Int(result.caseID.suffix(3)) ?? -1
            return result.evaluation.strict?.verdict == (index.isMultiple(of: 3) ? "FP" : "TP") && result.evaluation.alert == !index.isMultiple(of: 3)
        })

        let single = Self.model(stub.baseURL, batchSize: 1)
        let singlePlan = try await temp.livePlan(single, provider: try Self.provider(single, temp), request: Self.request)
        #expect(singlePlan.models[0].requestBatchSize == 1)
        #expect(try await RunEstimator(store: temp.store, plan: singlePlan, useCache: false).estimate().calls == Self.caseCount)
        let (singleInfo, _) = try await temp.execute(singlePlan, useCache: false)
        #expect(singleInfo.status == .complete)
        #expect(try await stub.requests().filter { $0.path == "/_query" }.count == 2 + Self.caseCount)
        let batchedResults = try await temp.store.results(run: info.id)
        let singleResults = try await temp.store.results(run: singleInfo.id)
        #expect(singleResults.map(\.caseID) == batchedResults.map(\.caseID))
        #expect(zip(singleResults, batchedResults).allSatisfy { single, batched in
            single.evaluation.response == batched.evaluation.response && single.evaluation.strict == batched.evaluation.strict
                && single.evaluation.alert == batched.evaluation.alert
        })
    }

    @Test("a second run of the same plan is answered from the cache: zero requests")
    func cached() async throws {
        let (temp, replay) = try Self.workspace()
        let stub = try await StubServer(["--answer", "replay:\(replay)"])
        let config = Self.model(stub.baseURL)
        let plan = try await temp.livePlan(config, provider: try Self.provider(config, temp), request: Self.request)
        let first = try await temp.execute(plan)
        #expect(try await stub.stats().requests == 2)
        #expect(try await RunEstimator(store: temp.store, plan: plan).estimate().calls == 0)
        let second = try await temp.execute(plan)
        #expect(try await stub.stats().requests == 2)
        #expect(second.outcome.counters.cacheHits == Self.caseCount)
        #expect(second.outcome.counters.calls == 0)
        #expect(try await Self.answers(temp.store, run: second.info.id) == Self.answers(temp.store, run: first.info.id))
    }

    @Test("a failed batch records each of its items as an error; resuming the run redoes them in batches")
    func failedBatchThenResume() async throws {
        let (temp, replay) = try Self.workspace()
        let failing = try await StubServer(["--faults", "500", "--fault-rate", "1"])
        let config = Self.model(failing.baseURL, circuitBreaker: 0)
        let plan = try await temp.livePlan(config, provider: try Self.provider(config, temp), request: Self.request)
        let (info, outcome) = try await temp.execute(plan)
        #expect(try await failing.stats().requests == 2) // max_retries 0: one attempt per batch
        #expect(info.status == .incomplete)
        #expect(info.errors == Self.caseCount)
        #expect(outcome.counters.errors == Self.caseCount)
        let failed = try await temp.store.results(run: info.id)
        #expect(failed.count == Self.caseCount)
        #expect(failed.allSatisfy { $0.evaluation.error?.hasPrefix("server:") == true })
        #expect(try await temp.store.answeredKeys(run: info.id).isEmpty)

        // --resume: the same recorded model, now reachable (its provider sends to a healthy stub).
        let healthy = try await StubServer(["--answer", "replay:\(replay)"])
        var resumed = plan
        resumed.models[0].provider = try Self.provider(Self.model(healthy.baseURL), temp)
        try await temp.store.acquireRun(info.id)
        let skip = try await temp.store.answeredKeys(run: info.id)
        _ = try await RunExecutor(store: temp.store, plan: resumed, runID: info.id, skip: skip).execute()
        let finished = try await temp.store.finishRun(info.id)
        #expect(try await healthy.stats().requests == 2)
        #expect(finished.status == .complete)
        #expect(finished.errors == 0)
        #expect(try await Self.answers(temp.store, run: info.id) == Self.expected)
    }

    @Test("in process: only the failed batch's items fail; the breaker counts one failure per request; items share their batch's latency")
    func oneFailedBatch() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeBatchProvider { batch, call throws(ProviderError) in
            if call == 2 { throw ProviderError(.server, "boom") }
            return batch.map { CompletionResponse(text: "verdict=TP confidence=0.9 summary=\($0.caseID)#\($0.sample)") }
        }
        // circuit_breaker 2: a per-item count would open it on the failed batch's 4 items.
        let config = ModelConfig(id: "fake-es", provider: .esqlCompletion, baseURL: "http://127.0.0.1:9", options: ["inference_id": "e"], concurrency: 1, maxRetries: 0, circuitBreaker: 2, batchSize: 4)
        let plan = try await temp.livePlan(config, provider: provider, request: RunRequest(prompts: ["host-triage@v1"], models: ["recorded"], samples: 3))
        #expect(plan.count == 12)
        let events = EventLog()
        let (info, outcome) = try await temp.execute(plan, events: events)
        #expect(provider.batchSizes == [4, 4, 4])
        #expect(events.circuitOpenings.isEmpty)
        #expect(outcome.counters.errors == 4)
        #expect(info.status == .incomplete)
        let results = try await temp.store.results(run: info.id)
        let failedKeys = Set(results.filter(\.evaluation.isError).map { "\($0.caseID)#\($0.key.sample)" })
        #expect(failedKeys == Set(provider.received[1].map { "\($0.caseID)#\($0.sample)" }))
        #expect(results.filter { !$0.evaluation.isError }.allSatisfy { $0.evaluation.response == "verdict=TP confidence=0.9 summary=\($0.caseID)#\($0.key.sample)" })
        let latencies = Dictionary(grouping: results, by: { result in provider.received.firstIndex { batch in batch.contains { $0.caseID == result.caseID && $0.sample == result.key.sample } } ?? -1 })
            .mapValues { Set($0.map { $0.evaluation.latencyMs }) }
        #expect(latencies.keys.sorted() == [0, 1, 2])
        #expect(latencies.values.allSatisfy { $0.count == 1 })
    }
}

/// An in-process batching provider: answers each batch as a script says, recording every batch.
final class FakeBatchProvider: BatchModelProvider, @unchecked Sendable {
    typealias Script = @Sendable (_ batch: [CompletionRequest], _ call: Int) async throws(ProviderError) -> [CompletionResponse]

    private let lock = NSLock()
    private var batches: [[CompletionRequest]] = []
    let script: Script
    let maxBatchSize = 100

    init(_ script: @escaping Script) {
        self.script = script
    }

    var received: [[CompletionRequest]] { lock.withLock { batches } }
    var batchSizes: [Int] { received.map(\.count) }

    func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse {
        try await completeBatch([request])[0]
    }

    func completeBatch(_ requests: [CompletionRequest]) async throws(ProviderError) -> [CompletionResponse] {
        let call = lock.withLock {
            batches.append(requests)
            return batches.count
        }
        return try await script(requests, call)
    }
}
