internal import Logging
internal import TriageEval
internal import TriageEvalProviders
internal import TriageEvalStore

extension RunExecutor {
    /// Renders, answers (from the cache or the model), parses and records one item.
    func evaluate(_ item: RunPlan.Item, call: ProviderCall, breaker: CircuitBreaker, context: Context) async throws {
        let prompt = plan.prompts[item.prompt]
        let storedCase = plan.cases[item.caseIndex]
        let model = call.model
        let key = plan.key(item, run: runID)
        let text = prompt.version.render(CaseContext(storedCase.item))
        let live = !model.provider.isOffline
        // --no-cache skips the lookup only: fresh answers still refresh the cache.
        let cacheKey = live ? CacheKey.make(model: model, prompt: text, sample: item.sample) : nil

        if useCache, let cacheKey, let cached = try await store.cachedResponse(cacheKey) {
            var evaluation = prompt.evaluator.evaluate(cached.response, item: storedCase.item)
            evaluation.cached = true
            evaluation.inputTokens = cached.inputTokens
            evaluation.outputTokens = cached.outputTokens
            try await record(key, evaluation, cacheKey: nil, calledProvider: false, model: model, context: context)
            return
        }
        if let reason = breaker.openedBy {
            let evaluation = Evaluation.failed("circuit_open: not sent; model \(model.id) was stopped after \(reason)")
            try await record(key, evaluation, cacheKey: nil, calledProvider: false, model: model, context: context)
            return
        }
        let reserved = live ? CostEstimate.usd(model, prompt: text) : 0
        switch context.budget.reserve(reserved) {
        case .granted:
            break
        case .refused(let closedNow):
            context.budget.leaveOut(1)
            if closedNow, let limit = context.budget.limit {
                logger.warning("--max-cost \(limit) reached")
                report(.budgetReached(limitUSD: limit, spentUSD: context.budget.spent))
            }
            return
        }

        let request = CompletionRequest(prompt: text, caseID: storedCase.item.id, sample: item.sample, output: prompt.version.output)
        let started = ContinuousClock.now
        var evaluation: Evaluation
        var actual = 0.0
        do {
            let response = try await call.complete(request)
            evaluation = prompt.evaluator.evaluate(response.text, refused: response.refused, item: storedCase.item)
            evaluation.inputTokens = response.inputTokens
            evaluation.outputTokens = response.outputTokens
            if let input = response.inputTokens, let output = response.outputTokens {
                actual = CostEstimate.usd(model, inputTokens: input, outputTokens: output)
            } else {
                actual = reserved
            }
            breaker.recordSuccess()
        } catch {
            evaluation = .failed(error.description)
            logger.debug("\(model.id) \(storedCase.item.id)#\(item.sample) failed after retries: \(error)")
            if let reason = breaker.recordFailure(error) {
                logger.warning("circuit open for \(model.id): \(reason)")
                report(.circuitOpened(model: model.id, reason: reason))
            }
        }
        context.budget.settle(reserved: reserved, actual: actual)
        evaluation.latencyMs = (ContinuousClock.now - started).seconds * 1000
        try await record(key, evaluation, cacheKey: cacheKey, calledProvider: live, model: model, context: context)
    }

    func record(_ key: ResultKey, _ evaluation: Evaluation, cacheKey: String?, calledProvider: Bool, model: ModelConfig, context: Context) async throws {
        let snapshot = try await context.sink.add(key, evaluation, cacheKey: cacheKey, calledProvider: calledProvider, model: model)
        report(.progress(RunProgress(
            done: snapshot.done, total: context.total, errors: snapshot.errors, cacheHits: snapshot.cacheHits,
            elapsed: (ContinuousClock.now - context.start).seconds
        )))
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
