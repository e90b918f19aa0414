internal import EsqlEngine
internal import TriageEval
internal import TriageEvalProviders
internal import TriageEvalStore

extension RunExecutor {
    /// An item ready to send: rendered, not answered from the cache, its worst-case cost reserved.
    struct PreparedItem: Sendable {
        let item: RunPlan.Item
        let key: ResultKey
        let request: CompletionRequest
        /// Where the fresh answer is cached (live models only).
        let cacheKey: String?
        /// The cost reserved in the budget, settled when the answer is recorded.
        let reserved: Double
        /// The rule execution's row the answer is decided on (a case with documents); nil otherwise.
        let row: EsqlRow?
        /// The decoded cases holding the item's case (kept alive, and counted as held, until the item is recorded).
        let chunk: CaseChunk

        /// The item's case, decoded.
        var decoded: TriageCase { chunk[item.caseIndex] }
    }
}
