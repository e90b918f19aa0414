internal import Synchronization
internal import TriageEval
internal import TriageEvalProviders

extension RunExecutor {
    /// One batching model's items: drawn and prepared one by one (cache hits, open circuits and budget
    /// refusals settle at once), the rest gathered into batches of `batchSize` sent as one request each,
    /// at most `concurrency` requests in flight. The last batch goes out partly filled.
    func runBatches(_ items: RunPlan.Items, count: Int, batchSize: Int, call: ProviderCall, breaker: CircuitBreaker, context: Context) async throws {
        let limit = max(1, call.model.concurrency)
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = items.makeIterator()
            var left = count
            var inFlight = 0
            while true {
                while inFlight < limit {
                    var batch: [PreparedItem] = []
                    while batch.count < batchSize, !context.budget.isClosed, !Task.isCancelled, let item = pending.next() {
                        left -= 1
                        if let prepared = try await prepare(item, model: call.model, breaker: breaker, context: context) { batch.append(prepared) }
                    }
                    guard !batch.isEmpty else { break }
                    group.addTask { [batch] in
                        try await send(batch, call: call, breaker: breaker, context: context)
                    }
                    inFlight += 1
                }
                guard inFlight > 0 else { break }
                _ = try await group.next()
                inFlight -= 1
            }
            context.budget.leaveOut(left)
        }
    }

    /// Sends one batch and records each of its items: its own answer, or the batch's failure. The
    /// circuit breaker counts the request once; every item gets the request's latency.
    func send(_ batch: [PreparedItem], call: ProviderCall, breaker: CircuitBreaker, context: Context) async throws {
        context.requests.withLock { $0 += 1 }
        let started = ContinuousClock.now
        let answers: Result<[CompletionResponse], ProviderError>
        do {
            answers = .success(try await call.completeBatch(batch.map(\.request)))
        } catch {
            answers = .failure(error)
        }
        let latencyMs = (ContinuousClock.now - started).seconds * 1000
        noteCall(answers.failure, model: call.model, breaker: breaker)
        for (index, prepared) in batch.enumerated() {
            // completeBatch returns exactly one answer per request, in order.
            try await finish(prepared, answers.map { $0[index] }, latencyMs: latencyMs, model: call.model, context: context)
        }
    }
}
