import Synchronization
import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalProviders
@testable import TriageEvalEngine
@testable import TriageEvalStore

@Suite("Engine: limits, breaker, deadline", .boundedResources)
struct ResilienceTests {
    @Test("the rate limiter lets one second's worth through at once, then spaces requests at the sustained rate")
    func rateLimiter() async {
        let limiter = RateLimiter(rpm: 600) // 10/s, burst 10
        // Reservations all made at one instant (no clock reading in the assertions): the waits the limiter hands out.
        let instant = ContinuousClock.now + .seconds(1)
        var waits: [Duration] = []
        for _ in 0..<15 { waits.append(await limiter.reserve(at: instant)) }
        #expect(waits.prefix(10).allSatisfy { $0 == .zero })
        #expect(Self.close(Array(waits.suffix(5)), [100, 200, 300, 400, 500].map { Duration.milliseconds($0) }))
    }

    @Test("a burst of 1 spaces every request")
    func rateLimiterNoBurst() async {
        let limiter = RateLimiter(rpm: 1200, burst: 1) // every 50 ms
        let instant = ContinuousClock.now + .seconds(1)
        var waits: [Duration] = []
        for _ in 0..<7 { waits.append(await limiter.reserve(at: instant)) }
        #expect(Self.close(waits, (0..<7).map { Duration.milliseconds(50 * $0) }))
    }

    /// Equal to within a microsecond (the limiter's interval is 60 s / rpm, computed in floating point).
    static func close(_ a: [Duration], _ b: [Duration]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs(($0 - $1) / .microseconds(1)) < 1 }
    }

    @Test("acquire waits at least the reserved time")
    func acquireWaits() async {
        let limiter = RateLimiter(rpm: 1200, burst: 1)
        let start = ContinuousClock.now
        for _ in 0..<7 { await limiter.acquire() }
        #expect(ContinuousClock.now - start >= .milliseconds(290))
    }

    @Test("the breaker opens once after N consecutive failures; a success resets the count")
    func breakerCounts() {
        let breaker = CircuitBreaker(threshold: 3)
        let error = ProviderError(.server, "HTTP 503", retryable: true)
        #expect(breaker.recordFailure(error) == nil)
        #expect(breaker.recordFailure(error) == nil)
        breaker.recordSuccess()
        #expect(breaker.recordFailure(error) == nil)
        #expect(breaker.recordFailure(error) == nil)
        #expect(breaker.openedBy == nil)
        let reason = breaker.recordFailure(error)
        #expect(reason == "3 consecutive failed evaluations (last: server: HTTP 503)")
        #expect(breaker.openedBy == reason)
        #expect(breaker.recordFailure(error) == nil) // announced once
    }

    @Test("errors every call would repeat open the breaker at once", arguments: [ProviderError.Cause.auth, .quota, .notFound, .configuration])
    func breakerFatal(cause: ProviderError.Cause) {
        let breaker = CircuitBreaker(threshold: 10)
        let reason = breaker.recordFailure(ProviderError(cause, "no"))
        #expect(reason?.contains(cause.rawValue) == true)
        #expect(breaker.openedBy != nil)
    }

    @Test("circuit_breaker: 0 never opens")
    func breakerDisabled() {
        let breaker = CircuitBreaker(threshold: 0)
        for _ in 0..<50 { #expect(breaker.recordFailure(ProviderError(.auth, "401")) == nil) }
        #expect(breaker.openedBy == nil)
    }

    @Test("the deadline cancels a stalled call with a retryable timeout")
    func deadline() async throws {
        let start = ContinuousClock.now
        let error = await #expect(throws: ProviderError.self) {
            try await Deadline.run(seconds: 0.2) { () async throws(ProviderError) -> Int in
                try? await Task.sleep(for: .seconds(120))
                return 1
            }
        }
        #expect(error?.cause == .timeout)
        #expect(error?.retryable == true)
        #expect((ContinuousClock.now - start) < .seconds(60))
        let value = try await Deadline.run(seconds: 5) { () async throws(ProviderError) -> Int in 42 }
        #expect(value == 42)
        let passed = await #expect(throws: ProviderError.self) {
            try await Deadline.run(seconds: 5) { () async throws(ProviderError) -> Int in throw ProviderError(.auth, "401") }
        }
        #expect(passed?.cause == .auth)
    }

    @Test("a call answered before its deadline lets go of its timer then, not when the timer would have fired")
    func deadlineTimerReleasedWithTheAnswer() async throws {
        // 200 answered calls under a one-hour deadline: each timer is cancelled and released by Dispatch when its
        // call answers (a `Task.sleep` timer stays queued, with its task, until the hour is up).
        let released = Mutex(0)
        for index in 0..<200 {
            let value = try await Deadline.run(seconds: 3600, released: { released.withLock { $0 += 1 } }) { () async throws(ProviderError) -> Int in index }
            #expect(value == index)
        }
        // Dispatch runs the cancel handlers on its own queue: wait for them (bounded; no duration is asserted).
        for _ in 0..<600 where released.withLock({ $0 }) < 200 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(released.withLock { $0 } == 200)
        // A timer that fires is released too, after its timeout error.
        let fired = Mutex(false)
        let error = await #expect(throws: ProviderError.self) {
            try await Deadline.run(seconds: 0.05, released: { fired.withLock { $0 = true } }) { () async throws(ProviderError) -> Int in
                try? await Task.sleep(for: .seconds(120))
                return 1
            }
        }
        #expect(error?.cause == .timeout)
        for _ in 0..<600 where !fired.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(fired.withLock { $0 })
    }

    @Test("the deadline returns even when the operation ignores cancellation")
    func deadlineUncooperative() async throws {
        let start = ContinuousClock.now
        let error = await #expect(throws: ProviderError.self) {
            try await Deadline.run(seconds: 0.2) { () async throws(ProviderError) -> Int in
                // A detached wait is not cancelled with its caller.
                await Task.detached { try? await Task.sleep(for: .seconds(120)) }.value
                return 1
            }
        }
        #expect(error?.cause == .timeout)
        #expect((ContinuousClock.now - start) < .seconds(60)) // long before the operation would end
    }

    @Test("the budget refuses the call that would exceed the limit, once, and stays closed")
    func budget() {
        let budget = CostBudget(limit: 1.0)
        #expect(budget.reserve(0.4) == .granted)
        #expect(budget.reserve(0.4) == .granted)
        #expect(budget.reserve(0.4) == .refused(closedNow: true))
        budget.settle(reserved: 0.4, actual: 0.1)
        #expect(budget.reserve(0.01) == .refused(closedNow: false))
        #expect(budget.isClosed)
        #expect(abs(budget.spent - 0.1) < 1e-12)
        #expect(CostBudget(limit: nil).reserve(1e9) == .granted)
    }
}

@Suite("Engine: live-style runs with in-process fakes", .boundedResources)
struct LiveRunTests {
    @Test("a model failing every call stops after N failures: N calls, the rest circuit_open errors, one message")
    func circuitBreakerStopsModel() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeProvider { _, _ throws(ProviderError) in throw ProviderError(.server, "HTTP 503", retryable: true) }
        let plan = try await temp.livePlan(liveModel(maxRetries: 0, circuitBreaker: 3), provider: provider)
        let events = EventLog()
        let (info, outcome) = try await temp.execute(plan, events: events)

        #expect(plan.count == 8)
        #expect(provider.callCount == 3)
        let results = try await temp.store.results(run: info.id)
        #expect(results.count == 8)
        #expect(results.count { $0.evaluation.error?.hasPrefix("server: HTTP 503") == true } == 3)
        #expect(results.count { $0.evaluation.error?.hasPrefix("circuit_open: ") == true } == 5)
        #expect(events.circuitOpenings.count == 1)
        #expect(events.circuitOpenings.first?.model == "fake")
        #expect(outcome.openCircuits["fake"]?.contains("3 consecutive failed evaluations") == true)
        #expect(info.status == .incomplete)
        #expect(info.errors == 8)
        // Calls count answers a live model gave (what is paid for); the three failed requests answered nothing.
        #expect(outcome.counters.calls == 0)
        #expect(outcome.requests == 3)
    }

    @Test("a bad key stops the model after its first call")
    func fatalErrorStopsAtOnce() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeProvider { _, _ throws(ProviderError) in throw ProviderError(.auth, "HTTP 401: invalid api key") }
        let plan = try await temp.livePlan(liveModel(maxRetries: 3, circuitBreaker: 10), provider: provider)
        let (info, _) = try await temp.execute(plan)
        #expect(provider.callCount == 1)
        let results = try await temp.store.results(run: info.id)
        #expect(results.count { $0.evaluation.error?.hasPrefix("circuit_open: ") == true } == 7)
    }

    @Test("max_retries: 0 sends each item once; retries honour retry-after and complete flaky items")
    func retries() async throws {
        let temp = try TemporaryWorkspace()
        let flaky = FakeProvider { request, call throws(ProviderError) in
            if call % 2 == 1 { throw ProviderError(.rateLimited, "HTTP 429", retryable: true, retryAfter: 0.01) }
            return CompletionResponse(text: "verdict=FP confidence=0.2 summary=\(request.caseID)")
        }
        let none = try await temp.execute(try await temp.livePlan(liveModel(maxRetries: 0, circuitBreaker: 0), provider: flaky), useCache: false)
        #expect(flaky.callCount == 8)
        #expect(none.info.errors == 4)

        let retried = FakeProvider { request, call throws(ProviderError) in
            if call % 2 == 1 { throw ProviderError(.rateLimited, "HTTP 429", retryable: true, retryAfter: 0.01) }
            return CompletionResponse(text: "verdict=FP confidence=0.2 summary=\(request.caseID)")
        }
        let start = ContinuousClock.now
        let (info, outcome) = try await temp.execute(try await temp.livePlan(liveModel(maxRetries: 1), provider: retried), useCache: false)
        #expect(retried.callCount == 16)
        #expect(info.status == .complete)
        #expect(outcome.counters.calls == 8)
        #expect((ContinuousClock.now - start) >= .milliseconds(80)) // 8 waits of 10 ms, one at a time
    }

    @Test("a third of the calls fail (first attempts), retried: every item completes")
    func faultInjection() async throws {
        let temp = try TemporaryWorkspace()
        // Deterministic whatever the interleaving: the first attempt at each distinct request fails (v1 and v2
        // render the same text but each request names its prompt, so 40 of 80 calls), with various retryable causes. Failures keyed by the global
        // call number could hit one item five times under load and exhaust its retries.
        let attempts = Mutex<[CompletionRequest: Int]>([:])
        let provider = FakeProvider { request, _ throws(ProviderError) in
            let attempt = attempts.withLock { seen in
                seen[request, default: 0] += 1
                return seen[request] ?? 0
            }
            guard attempt > 1 else {
                switch request.sample % 3 {
                case 0: throw ProviderError(.server, "HTTP 500", retryable: true, retryAfter: 0)
                case 1: throw ProviderError(.timeout, "timed out", retryable: true, retryAfter: 0)
                default: throw ProviderError(.rateLimited, "HTTP 429", retryable: true, retryAfter: 0)
                }
            }
            return CompletionResponse(text: "verdict=TP confidence=0.8 summary=\(request.caseID)", inputTokens: 50, outputTokens: 9)
        }
        let plan = try await temp.livePlan(liveModel(concurrency: 4, maxRetries: 4), provider: provider, request: RunRequest(models: ["recorded"], samples: 5))
        // No cache lookups: fixture cases that render the same prompt would otherwise be answered from the
        // cache once the 1 s timer has flushed a first answer (it does on a loaded machine), and fewer calls
        // would be made than this test counts.
        let (info, outcome) = try await temp.execute(plan, useCache: false)
        #expect(plan.count == 40)
        #expect(info.status == .complete)
        #expect(info.errors == 0)
        let results = try await temp.store.results(run: info.id)
        #expect(results.count == 40)
        #expect(Set(results.map(\.key)).count == 40)
        #expect(provider.callCount == 80)
        #expect(outcome.counters.calls == 40)
        #expect(outcome.counters.inputTokens == 40 * 50)
        #expect(outcome.counters.outputTokens == 40 * 9)
    }

    @Test("the engine's deadline turns a stalled call into a timeout error")
    func stalledCall() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeProvider { _, _ throws(ProviderError) in
            try? await Task.sleep(for: .seconds(120))
            return CompletionResponse(text: "late")
        }
        let plan = try await temp.livePlan(liveModel(concurrency: 8, maxRetries: 0, timeout: 0.2, circuitBreaker: 0), provider: provider)
        let start = ContinuousClock.now
        let (info, _) = try await temp.execute(plan)
        #expect((ContinuousClock.now - start) < .seconds(60))
        let results = try await temp.store.results(run: info.id)
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0.evaluation.error?.hasPrefix("timeout: ") == true })
    }

    @Test("--max-cost stops before the call that could exceed it; the rest stay missing until --resume")
    func maxCost() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeProvider(answer: "verdict=TP confidence=0.9 summary=x", inputTokens: 1000, outputTokens: 5)
        // $1 per output token, input free: each call reserves 10 (max_tokens) and costs 5.
        let model = liveModel(price: .init(inputPerMTok: 0, outputPerMTok: 1_000_000), maxTokens: 10)
        let plan = try await temp.livePlan(model, provider: provider)
        let events = EventLog()
        let (info, outcome) = try await temp.execute(plan, maxCost: 22, events: events)
        // Reservations: 0+10, 5+10, 10+10 fit in 22; 15+10 does not.
        #expect(provider.callCount == 3)
        #expect(outcome.counters.calls == 3)
        #expect(abs(outcome.counters.costUSD - 15) < 1e-9)
        #expect(outcome.notStarted == 5)
        #expect(events.budgetStops == 1)
        #expect(info.status == .incomplete)
        #expect(try await temp.store.results(run: info.id).count == 3)
        #expect(info.costUSD == outcome.counters.costUSD)

        // Resume without a limit: only the 5 missing items are sent.
        let skip = try await temp.store.answeredKeys(run: info.id)
        try await temp.store.acquireRun(info.id)
        let resumed = try await RunExecutor(store: temp.store, plan: plan, runID: info.id, useCache: false, skip: skip).execute()
        #expect(provider.callCount == 8)
        #expect(resumed.notStarted == 0)
        #expect(try await temp.store.finishRun(info.id).status == .complete)
    }

    @Test("an unchanged prompt × model × case × sample costs zero calls on the next run; --no-cache calls again")
    func cache() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeProvider()
        let request = RunRequest(prompts: ["host-triage@v1"], models: ["recorded"], samples: 2)
        let plan = try await temp.livePlan(liveModel(concurrency: 3), provider: provider, request: request)
        let first = try await temp.execute(plan)
        #expect(provider.callCount == 8) // samples are real repeats: each has its own key
        #expect(first.outcome.counters.cacheHits == 0)
        #expect(Set(provider.received.map { "\($0.caseID)#\($0.sample)" }).count == 8)

        let second = try await temp.execute(plan)
        #expect(provider.callCount == 8)
        #expect(second.outcome.counters.cacheHits == 8)
        #expect(second.outcome.counters.calls == 0)
        let results = try await temp.store.results(run: second.info.id)
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0.evaluation.cached && $0.evaluation.response == "verdict=TP confidence=0.9 summary=fake" })
        #expect(results.allSatisfy { $0.evaluation.inputTokens == 100 && $0.evaluation.outputTokens == 12 })
        #expect(second.info.status == .complete)
        #expect(second.info.costUSD == 0)

        _ = try await temp.execute(plan, useCache: false)
        #expect(provider.callCount == 16)
    }

    @Test("errors, empty answers and refusals are not cached")
    func notCached() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeProvider { request, _ throws(ProviderError) in
            switch request.caseID {
            case "cert-download-01": throw ProviderError(.server, "HTTP 500", retryable: true)
            case "cert-decode-02": return CompletionResponse(text: "  \n")
            case "sccm-script-01": return CompletionResponse(text: "I cannot help with that", refused: true)
            default: return CompletionResponse(text: "verdict=FP confidence=0.1 summary=ok")
            }
        }
        let plan = try await temp.livePlan(liveModel(circuitBreaker: 0), provider: provider, request: RunRequest(prompts: ["host-triage@v1"], models: ["recorded"]))
        _ = try await temp.execute(plan)
        #expect(provider.callCount == 4)
        let stats = try await temp.store.cacheStats()
        #expect(stats.entries == 1) // only sccm-inventory-02's answer
        _ = try await temp.execute(plan)
        #expect(provider.callCount == 7)
    }

    @Test("dry run: calls, cache hits and estimated tokens and cost, nothing sent or stored")
    func dryRun() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeProvider()
        let model = liveModel(price: .init(inputPerMTok: 2, outputPerMTok: 8), maxTokens: 100)
        let plan = try await temp.livePlan(model, provider: provider)
        let decoded = try await temp.store.caseRevisions(plan.cases.map(\.revisionID))
        let texts = try plan.items(model: 0).map { item in
            try plan.prompts[item.prompt].version.render(CaseContext(try #require(decoded[plan.cases[item.caseIndex].revisionID]).item))
        }
        let expectedInput = texts.reduce(0) { $0 + ($1.utf8.count + 3) / 4 }

        let before = try await RunEstimator(store: temp.store, plan: plan).estimate()
        #expect(provider.callCount == 0)
        #expect(try await temp.store.runs().isEmpty)
        #expect(before.evaluations == 8)
        #expect(before.calls == 8)
        #expect(before.cacheHits == 0)
        #expect(before.inputTokens == expectedInput)
        #expect(before.outputTokens == 800)
        #expect(abs(before.costUSD - (Double(expectedInput) * 2 + 800 * 8) / 1_000_000) < 1e-12)

        _ = try await temp.execute(plan)
        let after = try await RunEstimator(store: temp.store, plan: plan).estimate()
        #expect(after.calls == 0)
        #expect(after.cacheHits == 8)
        #expect(after.costUSD == 0)
        let noCache = try await RunEstimator(store: temp.store, plan: plan, useCache: false).estimate()
        #expect(noCache.calls == 8)
    }

    @Test("results are flushed on a timer, not only per batch, so a kill loses at most about a second")
    func timerFlush() async throws {
        let temp = try TemporaryWorkspace()
        let gate = Gate()
        let provider = FakeProvider { _, call throws(ProviderError) in
            if call == 4 { await gate.wait() }
            return CompletionResponse(text: "verdict=FP confidence=0.1 summary=ok")
        }
        let plan = try await temp.livePlan(liveModel(concurrency: 1), provider: provider)
        let run = Task { try await temp.execute(plan, flushInterval: 0.1) }
        // The 4th call is held: the first 3 answers (far from a batch of 64) must reach the store anyway.
        var stored = 0
        // (and the 4th call reaches the provider: under load the executor may start it a moment after the 3rd answer).
        for _ in 0..<300 where stored < 3 || provider.callCount < 4 {
            try await Task.sleep(for: .milliseconds(100))
            if let runID = try await temp.store.latestRun()?.id { stored = try await temp.store.results(run: runID).count }
        }
        #expect(stored == 3)
        #expect(provider.callCount == 4)
        await gate.open()
        let (info, _) = try await run.value
        #expect(try await temp.store.results(run: info.id).count == 8)
    }

    @Test("rpm limits the request rate across the model's concurrent tasks")
    func rpmInEngine() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeProvider()
        let plan = try await temp.livePlan(liveModel(concurrency: 8, rpm: 240), provider: provider) // 4/s, burst 4
        let start = ContinuousClock.now
        _ = try await temp.execute(plan, useCache: false)
        #expect(provider.callCount == 8)
        #expect((ContinuousClock.now - start) >= .milliseconds(900)) // 4 at once, then 4 more 250 ms apart
    }
}
