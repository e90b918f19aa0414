internal import Synchronization
internal import Logging
internal import TriageEval
internal import TriageEvalProviders
internal import TriageEvalStore

extension RunExecutor {
    /// Renders, answers (from the cache or the model), parses and records one item.
    func evaluate(_ item: RunPlan.Item, call: ProviderCall, breaker: CircuitBreaker, context: Context) async throws {
        guard let prepared = try await prepare(item, model: call.model, breaker: breaker, context: context) else { return }
        if !call.model.provider.isOffline { context.requests.withLock { $0 += 1 } }
        let started = ContinuousClock.now
        let answer: Result<CompletionResponse, ProviderError>
        do {
            answer = .success(try await call.complete(prepared.request))
        } catch {
            answer = .failure(error)
        }
        noteCall(answer.failure, model: call.model, breaker: breaker)
        try await finish(prepared, answer, latencyMs: (ContinuousClock.now - started).seconds * 1000, model: call.model, context: context)
    }

    /// Renders `item` and settles it without a call when it can: a cached answer or an open circuit is
    /// recorded, a refused budget reservation leaves it out. Returns the item to send, or nil.
    func prepare(_ item: RunPlan.Item, model: ModelConfig, breaker: CircuitBreaker, context: Context, batch: Bool = false) async throws -> PreparedItem? {
        let prompt = plan.prompts[item.prompt]
        let caseID = plan.cases[item.caseIndex].id
        let chunk = try await context.window.chunk(holding: item.caseIndex)
        let decoded = chunk[item.caseIndex]
        let key = plan.key(item, run: runID)
        let call: PromptCall
        do {
            call = try plan.call(item, decoded: decoded)
        } catch {
            // Recorded as an error result (counted, shown, redone by --resume), never sent as an empty prompt.
            let evaluation = Evaluation.failed("render_error: \(prompt.version.key) cannot render case \(caseID): \(error)")
            try await record(key, evaluation, cacheKey: nil, calledProvider: false, model: model, context: context)
            return nil
        }
        let text = call.text
        let system = call.system
        let live = !model.provider.isOffline
        let schema = prompt.version.schema(sentBy: model)
        // --no-cache skips the lookup only: fresh answers still refresh the cache.
        let cacheKey = live ? CacheKey.make(model: model, prompt: text, system: system, schema: schema, sample: item.sample) : nil

        if useCache, let cacheKey, let cached = try await store.cachedResponse(cacheKey) {
            var evaluation = prompt.evaluator.evaluate(cached.response, item: decoded, row: call.row)
            evaluation.cached = true
            evaluation.inputTokens = cached.inputTokens
            evaluation.outputTokens = cached.outputTokens
            try await record(key, evaluation, cacheKey: nil, calledProvider: false, model: model, context: context)
            return nil
        }
        if let reason = breaker.openedBy {
            let evaluation = Evaluation.failed("circuit_open: not sent; model \(model.id) was stopped after \(reason)")
            try await record(key, evaluation, cacheKey: nil, calledProvider: false, model: model, context: context)
            return nil
        }
        let reserved = live ? CostEstimate.usd(model, prompt: (system ?? "") + text, batch: batch) : 0
        switch context.budget.reserve(reserved) {
        case .granted:
            break
        case .refused(let closedNow):
            context.budget.leaveOut(1)
            if closedNow, let limit = context.budget.limit {
                logger.warning("--max-cost \(limit) reached")
                report(.budgetReached(limitUSD: limit, spentUSD: context.budget.spent, inFlightUSD: context.budget.reserved))
            }
            return nil
        }
        let request = CompletionRequest(
            prompt: text, system: system, caseID: caseID, sample: item.sample, output: prompt.version.output,
            promptKey: prompt.version.key, schema: schema
        )
        return PreparedItem(item: item, key: key, request: request, cacheKey: cacheKey, reserved: reserved, row: call.row, chunk: chunk)
    }

    /// Tells the circuit breaker how one request went (once per request, however many items it carried).
    func noteCall(_ failure: ProviderError?, model: ModelConfig, breaker: CircuitBreaker) {
        guard let failure else {
            breaker.recordSuccess()
            return
        }
        if let reason = breaker.recordFailure(failure) {
            logger.warning("circuit open for \(model.id): \(reason)")
            report(.circuitOpened(model: model.id, reason: reason, runID: runID))
        }
    }

    /// Parses and records a sent item's answer, or its failure; settles its budget reservation (at the batch
    /// price when a provider batch answered it).
    func finish(
        _ prepared: PreparedItem, _ answer: Result<CompletionResponse, ProviderError>, latencyMs: Double, model: ModelConfig, context: Context,
        batch: Bool = false
    ) async throws {
        let prompt = plan.prompts[prepared.item.prompt]
        var evaluation: Evaluation
        var actual = 0.0
        switch answer {
        case .success(let response):
            evaluation = prompt.evaluator.evaluate(response.text, refused: response.refused, item: prepared.decoded, row: prepared.row)
            evaluation.inputTokens = response.inputTokens
            evaluation.outputTokens = response.outputTokens
            if let input = response.inputTokens, let output = response.outputTokens {
                actual = CostEstimate.usd(model, inputTokens: input, outputTokens: output, batch: batch)
            } else {
                actual = prepared.reserved
            }
        case .failure(let error):
            if Task.isCancelled, !batch {
                // Abandoned because the run was stopped (Ctrl-C, SIGTERM): left missing for --resume, not an error.
                context.budget.settle(reserved: prepared.reserved, actual: 0)
                return
            }
            evaluation = .failed(error.description)
            logger.debug("\(model.id) \(plan.cases[prepared.item.caseIndex].id)#\(prepared.item.sample) failed after retries: \(error)")
        }
        context.budget.settle(reserved: prepared.reserved, actual: actual)
        evaluation.latencyMs = latencyMs
        try await record(
            prepared.key, evaluation, cacheKey: prepared.cacheKey, calledProvider: !model.provider.isOffline, model: model, context: context, batch: batch
        )
    }

    func record(
        _ key: ResultKey, _ evaluation: Evaluation, cacheKey: String?, calledProvider: Bool, model: ModelConfig, context: Context, batch: Bool = false
    ) async throws {
        let snapshot = try await context.sink.add(key, evaluation, cacheKey: cacheKey, calledProvider: calledProvider, model: model, batch: batch)
        report(.progress(RunProgress(
            done: snapshot.done, total: context.total, errors: snapshot.errors, cacheHits: snapshot.cacheHits,
            elapsed: (ContinuousClock.now - context.start).seconds
        )))
    }
}

extension Result {
    /// The error, or nil on success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
