import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalProviders
@testable import TriageEvalEngine
@testable import TriageEvalStore

/// Runs through the real OpenAI provider and HTTP transport against the project's own `llm-stub`.
@Suite("Engine: runs against llm-stub", .boundedResources)
struct StubRunTests {
    /// A workspace whose only model is an OpenAI-compatible endpoint on the stub.
    func workspace(_ stub: StubServer, extra: String = "") throws -> TemporaryWorkspace {
        let temp = try TemporaryWorkspace()
        let config = """
            store: .triage-eval/store.sqlite
            models:
              - id: stub
                provider: openai
                model: stub-model
                base_url: \(stub.baseURL)/v1
            \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """
        try temp.write(config, to: "triage-eval.yaml")
        return try TemporaryWorkspace(reloading: temp)
    }

    @Test("30 % injected faults of every kind: every item completes or its failure is reported")
    func faults() async throws {
        let stub = try await StubServer(["--fault-rate", "0.3", "--retry-after", "0", "--timeout-ms", "3000", "--seed", "11"])
        let temp = try workspace(stub, extra: "concurrency: 8\nmax_retries: 6\ntimeout_s: 1\ncircuit_breaker: 0")
        let prepared = try await temp.preparer.prepare(RunRequest(samples: 10))
        let plan = prepared.plan
        #expect(plan.count == 80)
        let (info, outcome) = try await temp.execute(plan)

        let results = try await temp.store.results(run: info.id)
        #expect(results.count == 80) // every item has its row: an answer or a reported error
        #expect(Set(results.map(\.key)).count == 80)
        let errors = results.filter(\.evaluation.isError)
        #expect(info.errors == errors.count)
        #expect(errors.allSatisfy { error in ["rate_limited", "server", "timeout", "transport", "bad_response", "missing_answer"].contains { error.evaluation.error?.hasPrefix($0 + ":") == true } })
        #expect(info.status == (errors.isEmpty ? .complete : .incomplete))
        // 0.3^7 per item: all but certainly complete.
        #expect(errors.count <= 1)
        let stats = try await stub.stats()
        #expect(stats.requests > outcome.counters.calls) // faults were injected and retried
        #expect(stats.byStatus.filter { $0.key != "200" }.values.reduce(0, +) > 0)
        #expect(outcome.counters.calls + outcome.counters.cacheHits == 80) // v1 and v2 render the same text: later items may hit the cache
        #expect(results.filter { !$0.evaluation.isError }.allSatisfy { $0.evaluation.response != nil })
    }

    @Test("an unchanged run costs zero requests the second time (the stub's own count)")
    func cache() async throws {
        let stub = try await StubServer()
        let temp = try workspace(stub, extra: "concurrency: 4")
        let plan = try await temp.preparer.prepare(RunRequest(prompts: ["host-triage@v1"], samples: 3)).plan
        let first = try await temp.execute(plan)
        #expect(first.info.status == .complete)
        let afterFirst = try await stub.stats()
        #expect(afterFirst.requests == 12)

        let second = try await temp.execute(plan)
        let afterSecond = try await stub.stats()
        #expect(afterSecond.requests == 12)
        #expect(second.outcome.counters.cacheHits == 12)
        #expect(second.info.status == .complete)
        let firstAnswers = try await temp.store.results(run: first.info.id).map { "\($0.caseID)#\($0.key.sample)=\($0.evaluation.response ?? "")" }
        let secondAnswers = try await temp.store.results(run: second.info.id).map { "\($0.caseID)#\($0.key.sample)=\($0.evaluation.response ?? "")" }
        #expect(firstAnswers == secondAnswers)

        _ = try await temp.execute(plan, useCache: false)
        #expect(try await stub.stats().requests == 24)
    }

    @Test("a server that keeps failing opens the breaker: N requests, not the whole plan")
    func breakerAgainstStub() async throws {
        let stub = try await StubServer(["--fault-rate", "1", "--faults", "500"])
        let temp = try workspace(stub, extra: "concurrency: 1\nmax_retries: 1\ncircuit_breaker: 3")
        let plan = try await temp.preparer.prepare(RunRequest(samples: 5)).plan
        let events = EventLog()
        let (info, _) = try await temp.execute(plan, events: events)
        #expect(try await stub.stats().requests == 6) // 3 items × (1 + 1 retry)
        #expect(events.circuitOpenings.count == 1)
        let results = try await temp.store.results(run: info.id)
        #expect(results.count == 40)
        #expect(results.count { $0.evaluation.error?.hasPrefix("circuit_open:") == true } == 37)
    }
}
