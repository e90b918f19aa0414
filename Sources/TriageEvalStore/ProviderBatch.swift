public import Foundation

/// A batch of evaluations handed to a provider's batch API, persisted so any later process can collect it:
/// the provider's batch id, and per item its custom id, result key and budget reservation.
public struct ProviderBatch: Sendable, Hashable {
    /// Where a batch is in the submit/poll/collect protocol.
    public enum State: String, Sendable, Hashable {
        /// Recorded, not (known to be) accepted by the provider: a process that died here left nothing to poll.
        case preparing
        /// Accepted by the provider: polled until it ends, then collected.
        case submitted
        /// Its items' outcomes are recorded (answers stored, failures stored or resubmitted).
        case collected
    }

    /// One evaluation in the batch.
    public struct Item: Sendable, Hashable {
        /// The id the provider echoes with the answer (`te<batch row>-<position>`).
        public var customID: String
        public var position: Int
        public var promptRowID: Int64
        public var caseRevisionID: Int64
        public var sample: Int
        public var row: String
        /// The worst-case cost reserved for it under `--max-cost` (USD), held until it is collected.
        public var reservedUSD: Double
        /// Where its fresh answer is cached.
        public var cacheKey: String?
        /// How many batches it has been in, this one included.
        public var attempt: Int

        public init(
            customID: String = "", position: Int, promptRowID: Int64, caseRevisionID: Int64, sample: Int, row: String, reservedUSD: Double,
            cacheKey: String?, attempt: Int
        ) {
            self.customID = customID
            self.position = position
            self.promptRowID = promptRowID
            self.caseRevisionID = caseRevisionID
            self.sample = sample
            self.row = row
            self.reservedUSD = reservedUSD
            self.cacheKey = cacheKey
            self.attempt = attempt
        }
    }

    /// What became of an item when its batch was collected.
    public enum ItemOutcome: String, Sendable, Hashable {
        /// Answered by the batch (priced at the batch price).
        case answered
        /// Recorded as an error result.
        case failed
        /// Put into a new batch.
        case resubmitted
    }

    /// A result a provider batch answered (priced at the batch price), as its result key without the row label.
    public struct ResultRef: Sendable, Hashable {
        public var promptRowID: Int64, modelRowID: Int64, caseRevisionID: Int64, sample: Int, row: String

        public init(_ key: ResultKey) {
            (promptRowID, modelRowID, caseRevisionID, sample, row) = (key.promptRowID, key.modelRowID, key.caseRevisionID, key.sample, key.row)
        }

        init(promptRowID: Int64, modelRowID: Int64, caseRevisionID: Int64, sample: Int, row: String) {
            (self.promptRowID, self.modelRowID, self.caseRevisionID, self.sample, self.row) = (promptRowID, modelRowID, caseRevisionID, sample, row)
        }
    }

    /// The store row id.
    public var id: Int64
    public var runID: Int64
    public var modelRowID: Int64
    public var state: State
    /// The provider's batch id, once accepted.
    public var providerBatchID: String?
    public var inputFileID: String?
    /// The provider's state word at the last poll.
    public var providerState: String?
    public var createdAt: Date
    public var items: [Item]
}
