/// A provider that can answer many prompts in one request (ES|QL `COMPLETION` over many rows).
public protocol BatchModelProvider: ModelProvider {
    /// The most requests one call may carry.
    var maxBatchSize: Int { get }
    /// Completes `requests` in as few requests as ``maxBatchSize`` allows: one answer per request, in
    /// request order, or a ``ProviderError`` for the whole call.
    func completeBatch(_ requests: [CompletionRequest]) async throws(ProviderError) -> [CompletionResponse]
}
