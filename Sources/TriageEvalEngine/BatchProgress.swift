/// One poll of a provider batch, for the progress display.
public struct BatchProgress: Sendable, Hashable {
    public var model: String
    /// The provider's batch id.
    public var batchID: String
    /// The provider's own state word (`in_progress`, `ended`, `BATCH_STATE_RUNNING`, …).
    public var state: String
    public var total: Int?
    public var succeeded: Int?
    public var failed: Int?
    /// Seconds until the next poll, or nil when the batch has ended.
    public var nextPoll: Double?
}
