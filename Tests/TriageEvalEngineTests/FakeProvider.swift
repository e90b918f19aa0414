import Foundation
import TriageEval
import TriageEvalProviders
@testable import TriageEvalEngine
@testable import TriageEvalStore

/// An in-process live-style provider: answers or fails as a script says, counting every call.
final class FakeProvider: ModelProvider, @unchecked Sendable {
    typealias Script = @Sendable (_ request: CompletionRequest, _ call: Int) async throws(ProviderError) -> CompletionResponse

    private let lock = NSLock()
    private var calls = 0
    private var requests: [CompletionRequest] = []
    let script: Script

    init(_ script: @escaping Script) {
        self.script = script
    }

    /// Answers every prompt with `text`.
    convenience init(answer text: String = "verdict=TP confidence=0.9 summary=fake", inputTokens: Int? = 100, outputTokens: Int? = 12) {
        self.init { _, _ throws(ProviderError) in CompletionResponse(text: text, inputTokens: inputTokens, outputTokens: outputTokens) }
    }

    var callCount: Int { lock.withLock { calls } }
    var received: [CompletionRequest] { lock.withLock { requests } }

    func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse {
        let number = lock.withLock {
            calls += 1
            requests.append(request)
            return calls
        }
        return try await script(request, number)
    }
}

/// A live (non-offline) model config for fakes.
func liveModel(
    id: String = "fake", concurrency: Int = 1, maxRetries: Int = 0, timeout: Double = 30, circuitBreaker: Int? = nil,
    price: ModelConfig.Price? = nil, maxTokens: Int? = nil, rpm: Int? = nil
) -> ModelConfig {
    ModelConfig(
        id: id, provider: .openai, model: "fake-1", baseURL: "http://127.0.0.1:9", apiKeyEnv: "FAKE_KEY",
        params: .init(maxTokens: maxTokens), concurrency: concurrency, rpm: rpm, maxRetries: maxRetries, timeoutSeconds: timeout, price: price,
        circuitBreaker: circuitBreaker
    )
}

/// Collects run events from the executor's callback.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [RunEvent] = []

    func append(_ event: RunEvent) { lock.withLock { events.append(event) } }

    var circuitOpenings: [(model: String, reason: String)] {
        lock.withLock { events.compactMap { if case .circuitOpened(let model, let reason, _) = $0 { (model, reason) } else { nil } } }
    }

    var budgetStops: Int {
        lock.withLock { events.count { if case .budgetReached = $0 { true } else { false } } }
    }

    /// What each `--max-cost` stop reported: USD spent and USD still in flight.
    var budgetReports: [(spent: Double, inFlight: Double)] {
        lock.withLock { events.compactMap { if case .budgetReached(_, let spent, let inFlight) = $0 { (spent, inFlight) } else { nil } } }
    }

    var progress: [RunProgress] {
        lock.withLock { events.compactMap { if case .progress(let snapshot) = $0 { snapshot } else { nil } } }
    }
}

extension TemporaryWorkspace {
    /// Plans `request` with the workspace's first model replaced by `config` answered by `provider`.
    func livePlan(_ config: ModelConfig, provider: any ModelProvider, request: RunRequest = RunRequest(models: ["recorded"])) async throws -> RunPlan {
        var plan = try await preparer.prepare(request).plan
        plan.models = [RunPlan.Model(rowID: try await store.registerModel(config), config: config, provider: provider)]
        return plan
    }

    /// Records and executes `plan` as `triage-eval run` does.
    func execute(
        _ plan: RunPlan, useCache: Bool = true, maxCost: Double? = nil, flushInterval: Double = 1, events: EventLog = EventLog()
    ) async throws -> (info: RunInfo, outcome: RunOutcome) {
        let runID = try await store.createRun(toolVersion: "test", gitCommit: nil, selection: .init(), plan: plan.recorded, planned: plan.count)
        let outcome = try await RunExecutor(
            store: store, plan: plan, runID: runID, useCache: useCache, maxCostUSD: maxCost, flushInterval: flushInterval, report: events.append
        ).execute()
        return (try await store.finishRun(runID), outcome)
    }
}

/// Holds callers until opened.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
