internal import TriageEval
internal import TriageEvalProviders

extension RunPlan.Model {
    /// Evaluations sent per request: the model's `batch_size` when its provider can batch (at most the
    /// provider's maximum), else 1.
    public var requestBatchSize: Int {
        guard let batcher = provider as? any BatchModelProvider else { return 1 }
        return max(1, min(config.effectiveBatchSize, batcher.maxBatchSize))
    }
}
