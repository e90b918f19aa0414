internal import Foundation
internal import Synchronization
internal import Logging
internal import TriageEvalReports
internal import TriageEval
internal import TriageEvalProviders
internal import TriageEvalStore

extension RunExecutor {
    /// The result key of a batch item, without the row label (which the plan supplies).
    struct BatchKey: Hashable {
        let prompt: Int64, caseRevision: Int64, sample: Int, row: String

        init(_ key: ResultKey) {
            (prompt, caseRevision, sample, row) = (key.promptRowID, key.caseRevisionID, key.sample, key.row)
        }

        init(_ item: ProviderBatch.Item) {
            (prompt, caseRevision, sample, row) = (item.promptRowID, item.caseRevisionID, item.sample, item.row)
        }
    }

    /// One model's items through its provider's batch API: the run's open batches are picked up (their budget
    /// reservations held again), the other pending items are prepared as for a single call (cache, circuit
    /// breaker, budget at the batch price) and submitted in batches of the provider's size, each recorded in the
    /// store before and after the provider accepts it. Then (unless `--no-wait`) every open batch is polled with
    /// backoff until it ends and collected: answers are stored, final failures recorded, the rest resubmitted.
    /// Every HTTP exchange (upload, create, poll, results) goes through `call`: the model's `rpm`, `timeout_s`
    /// and retry policy.
    func runBatchAPI(
        _ modelIndex: Int, items: RunPlan.Items, jobs: any BatchJobProvider, call: ProviderCall, open: [ProviderBatch], breaker: CircuitBreaker,
        context: Context
    ) async throws {
        let model = plan.models[modelIndex]
        var pending: [BatchKey: RunPlan.Item] = [:]
        for item in items { pending[BatchKey(plan.key(item, run: runID))] = item }
        var waiting: [ProviderBatch] = []
        var inBatch = Set<BatchKey>()
        for batch in open {
            guard batch.state == .submitted, batch.providerBatchID != nil else {
                // Never accepted (the process died while submitting): its items are submitted again below.
                try await store.deleteBatch(batch.id)
                continue
            }
            waiting.append(batch)
            for item in batch.items { inBatch.insert(BatchKey(item)) }
            context.budget.hold(batch.items.filter { pending[BatchKey($0)] != nil }.reduce(0) { $0 + $1.reservedUSD })
        }

        let reopened = Set(waiting.map(\.id))
        // Prepared items are submitted as soon as a batch is full: at most one batch of rendered prompts in memory.
        let size = max(1, jobs.maxRequestsPerBatch)
        var fresh: [(prepared: PreparedItem, attempt: Int)] = []
        var next = items.makeIterator()
        while !context.budget.isClosed, !Task.isCancelled, let item = next.next() {
            guard !inBatch.contains(BatchKey(plan.key(item, run: runID))) else { continue }
            if let prepared = try await prepare(item, model: model.config, breaker: breaker, context: context, batch: true) { fresh.append((prepared, 1)) }
            if fresh.count == size {
                if let batch = try await submit(fresh, jobs: jobs, call: call, model: model, breaker: breaker, context: context) { waiting.append(batch) }
                fresh = []
            }
        }
        if let batch = try await submit(fresh, jobs: jobs, call: call, model: model, breaker: breaker, context: context) { waiting.append(batch) }
        context.budget.leaveOut(IteratorSequence(next).count { !inBatch.contains(BatchKey(plan.key($0, run: runID))) })
        if !batchPolling.wait {
            // `--no-wait`: what this session submitted is left to a later `collect`; batches it found open are checked once.
            waiting = waiting.filter { reopened.contains($0.id) }
        }

        var polls = 0
        while !waiting.isEmpty, !Task.isCancelled {
            var still: [ProviderBatch] = []
            let delay = batchPolling.delay(after: polls)
            for batch in waiting {
                switch try await poll(batch, jobs: jobs, call: call, model: model, nextPoll: batchPolling.wait ? delay : nil) {
                case .running:
                    still.append(batch)
                case .ended(let status):
                    let retry = try await collect(batch, status: status, jobs: jobs, call: call, pending: pending, model: model, context: context)
                    if !retry.isEmpty, let again = try await submit(retry, jobs: jobs, call: call, model: model, breaker: breaker, context: context) {
                        still.append(again)
                    }
                case .stuck:
                    // Left submitted for a later `collect` (e.g. the key was revoked): the run ends `submitted`.
                    return
                }
            }
            waiting = still
            guard !waiting.isEmpty, batchPolling.wait else { break }
            polls += 1
            try await Task.sleep(for: .seconds(delay))
        }
    }

    /// Records a batch, submits it, records the provider's id. A submission the provider refuses records every
    /// item as that error (retried by `--resume`), as a failed synchronous call would.
    func submit(
        _ entries: [(prepared: PreparedItem, attempt: Int)], jobs: any BatchJobProvider, call: ProviderCall, model: RunPlan.Model,
        breaker: CircuitBreaker, context: Context
    ) async throws -> ProviderBatch? {
        guard !entries.isEmpty else { return nil }
        let stored = entries.enumerated().map { position, entry in
            ProviderBatch.Item(
                position: position, promptRowID: entry.prepared.key.promptRowID, caseRevisionID: entry.prepared.key.caseRevisionID,
                sample: entry.prepared.key.sample, row: entry.prepared.key.row, reservedUSD: entry.prepared.reserved,
                cacheKey: entry.prepared.cacheKey, attempt: entry.attempt
            )
        }
        var batch = try await store.createBatch(run: runID, model: model.rowID, items: stored)
        let requests = zip(batch.items, entries).map { BatchRequestItem(customID: $0.customID, request: $1.prepared.request) }
        context.requests.withLock { $0 += 1 }
        do {
            let submission = try await call.send(label: "\(model.config.id) batch of \(requests.count)") { () async throws(ProviderError) in
                try await jobs.submit(requests)
            }
            try await store.markBatchSubmitted(batch.id, providerBatchID: submission.id, inputFileID: submission.inputFileID)
            batch.state = .submitted
            batch.providerBatchID = submission.id
            batch.inputFileID = submission.inputFileID
            noteCall(nil, model: model.config, breaker: breaker)
            report(.batch(BatchProgress(model: model.config.id, batchID: submission.id, state: "submitted", total: entries.count, nextPoll: batchPolling.initial)))
            return batch
        } catch let error as ProviderError {
            try await store.deleteBatch(batch.id)
            noteCall(error, model: model.config, breaker: breaker)
            report(.batchNote("\(model.config.id): submitting a batch of \(Formatting.count(entries.count, "request")) failed: \(error)"))
            for entry in entries {
                try await finish(entry.prepared, .failure(error), latencyMs: 0, model: model.config, context: context, batch: true)
            }
            return nil
        }
    }

    enum PollResult {
        case running
        case ended(BatchStatus)
        /// The poll failed in a way more polling will not fix now.
        case stuck
    }

    /// One poll: reports the provider-side state and counts, records the state word.
    func poll(_ batch: ProviderBatch, jobs: any BatchJobProvider, call: ProviderCall, model: RunPlan.Model, nextPoll: Double?) async throws -> PollResult {
        let submission = BatchSubmission(id: batch.providerBatchID ?? "", inputFileID: batch.inputFileID)
        let polled = await Self.attempt { () async throws(ProviderError) -> BatchStatus in
            try await call.send(label: "\(model.config.id) poll of \(submission.id)") { () async throws(ProviderError) in try await jobs.status(of: submission) }
        }
        let status: BatchStatus
        switch polled {
        case .success(let value):
            status = value
        case .failure(let error):
            if error.cause == .notFound {
                // The provider no longer knows the batch: every item is resubmitted (never lost).
                report(.batchNote("\(model.config.id): batch \(submission.id) is gone at the provider (\(error)); its items are resubmitted"))
                return .ended(BatchStatus(providerState: "not_found", ended: true))
            }
            report(.batchNote("\(model.config.id): polling batch \(submission.id) failed: \(error)"))
            return error.retryable ? .running : .stuck
        }
        try await store.noteBatchState(batch.id, providerState: status.providerState)
        report(.batch(BatchProgress(
            model: model.config.id, batchID: submission.id, state: status.providerState, total: status.total, succeeded: status.succeeded,
            failed: status.failed, nextPoll: status.ended ? nil : nextPoll
        )))
        return status.ended ? .ended(status) : .running
    }

    /// Collects an ended batch: every item gets exactly one fate — its answer stored, its final failure stored,
    /// or a place in the next batch (returned). The batch is closed only after the results are written, so a
    /// process that dies in between collects it again (results are upserted by key).
    func collect(
        _ batch: ProviderBatch, status: BatchStatus, jobs: any BatchJobProvider, call: ProviderCall, pending: [BatchKey: RunPlan.Item],
        model: RunPlan.Model, context: Context
    ) async throws -> [(prepared: PreparedItem, attempt: Int)] {
        let submission = BatchSubmission(id: batch.providerBatchID ?? "", inputFileID: batch.inputFileID)
        let read = await Self.attempt { () async throws(ProviderError) -> [String: BatchItemOutcome] in
            try await call.send(label: "\(model.config.id) results of \(submission.id)") { () async throws(ProviderError) in
                try await jobs.results(of: submission, status: status)
            }
        }
        var outcomes: [String: BatchItemOutcome] = [:]
        switch read {
        case .success(let read): outcomes = read
        case .failure(let error):
            // Nothing could be read: every item goes into a new batch (or gives up), never lost.
            report(.batchNote("\(model.config.id): reading the results of batch \(submission.id) failed: \(error)"))
        }
        let latencyMs = Date().timeIntervalSince(batch.createdAt) * 1000
        var fates: [String: ProviderBatch.ItemOutcome] = [:]
        var retry: [(prepared: PreparedItem, attempt: Int)] = []
        var gaveUp = 0
        for stored in batch.items {
            guard let item = pending[BatchKey(stored)] else {
                // Already answered in this run (collected before a crash, or by another session).
                fates[stored.customID] = .answered
                continue
            }
            guard let prepared = try await rebuild(item, stored: stored, model: model.config, context: context) else {
                fates[stored.customID] = .failed
                continue
            }
            let outcome = outcomes[stored.customID] ?? outcomes["#\(stored.position)"]
            switch outcome {
            case .answered(let response):
                try await finish(prepared, .success(response), latencyMs: latencyMs, model: model.config, context: context, batch: true)
                fates[stored.customID] = .answered
            case .failed(let error):
                try await finish(prepared, .failure(error), latencyMs: latencyMs, model: model.config, context: context, batch: true)
                fates[stored.customID] = .failed
            case .retry(let reason):
                if stored.attempt < batchPolling.maxAttempts {
                    retry.append((prepared, stored.attempt + 1))
                    fates[stored.customID] = .resubmitted
                } else {
                    let error = ProviderError(.server, "\(reason) (in \(stored.attempt) batches)")
                    try await finish(prepared, .failure(error), latencyMs: latencyMs, model: model.config, context: context, batch: true)
                    fates[stored.customID] = .failed
                    gaveUp += 1
                }
            case nil:
                let reason = status.failure.map { "batch \(status.providerState): \($0)" } ?? "batch \(status.providerState): no result for this request"
                if stored.attempt < batchPolling.maxAttempts {
                    retry.append((prepared, stored.attempt + 1))
                    fates[stored.customID] = .resubmitted
                } else {
                    let error = ProviderError(.missingAnswer, "\(reason) (in \(stored.attempt) batches)")
                    try await finish(prepared, .failure(error), latencyMs: latencyMs, model: model.config, context: context, batch: true)
                    fates[stored.customID] = .failed
                    gaveUp += 1
                }
            }
        }
        try await context.sink.flush()
        try await store.closeBatch(batch.id, outcomes: fates)
        if !retry.isEmpty {
            report(.batchNote("\(model.config.id): batch \(submission.id) \(status.providerState): \(Formatting.count(retry.count, "request")) resubmitted in a new batch"))
        }
        if gaveUp > 0 {
            report(.batchNote("\(model.config.id): batch \(submission.id): \(Formatting.count(gaveUp, "request")) unanswered after \(batchPolling.maxAttempts) batches, recorded as errors (`run --resume` redoes them)"))
        }
        return retry
    }

    /// The outcome of one provider call as a value.
    static func attempt<T: Sendable>(_ call: () async throws(ProviderError) -> T) async -> Result<T, ProviderError> {
        do throws(ProviderError) {
            return .success(try await call())
        } catch {
            return .failure(error)
        }
    }

    /// The prepared form of a batch item, from the plan and what the store kept (its reservation and cache key);
    /// nil when the item no longer renders (recorded as a `render_error`, and its reservation released).
    func rebuild(_ item: RunPlan.Item, stored: ProviderBatch.Item, model: ModelConfig, context: Context) async throws -> PreparedItem? {
        let prompt = plan.prompts[item.prompt]
        let caseID = plan.cases[item.caseIndex].id
        let key = plan.key(item, run: runID)
        let chunk = try await context.window.chunk(holding: item.caseIndex)
        do {
            let call = try plan.call(item, decoded: chunk[item.caseIndex])
            let request = CompletionRequest(prompt: call.text, system: call.system, caseID: caseID, sample: item.sample, output: prompt.version.output)
            return PreparedItem(item: item, key: key, request: request, cacheKey: stored.cacheKey, reserved: stored.reservedUSD, row: call.row, chunk: chunk)
        } catch {
            context.budget.settle(reserved: stored.reservedUSD, actual: 0)
            let evaluation = Evaluation.failed("render_error: \(prompt.version.key) cannot render case \(caseID): \(error)")
            try await record(key, evaluation, cacheKey: nil, calledProvider: false, model: model, context: context)
            return nil
        }
    }
}
