/// One prompt of a provider batch, named by an id unique within the batch (`custom_id`, Gemini's `metadata.key`).
public struct BatchRequestItem: Sendable, Hashable {
    public var customID: String
    public var request: CompletionRequest

    public init(customID: String, request: CompletionRequest) {
        self.customID = customID
        self.request = request
    }
}

/// A batch the provider accepted: its id (and, for file-based APIs, the uploaded input file).
public struct BatchSubmission: Sendable, Hashable {
    /// `batch_…` (OpenAI, Azure), `msgbatch_…` (Anthropic), `batches/…` (Gemini).
    public var id: String
    public var inputFileID: String?

    public init(id: String, inputFileID: String? = nil) {
        self.id = id
        self.inputFileID = inputFileID
    }
}

/// What a poll says about a batch.
public struct BatchStatus: Sendable, Hashable {
    /// The provider's own state word (`in_progress`, `ended`, `BATCH_STATE_RUNNING`, …), shown while polling.
    public var providerState: String
    /// Whether the provider is done with the batch (completed, ended, failed, expired or cancelled).
    public var ended: Bool
    /// Requests in the batch, and how many succeeded and failed so far, as the provider counts them (nil: not said).
    public var total: Int?
    public var succeeded: Int?
    public var failed: Int?
    /// Where the results are: output and error file ids (OpenAI, Azure), the results URL (Anthropic).
    public var resultRefs: [String]
    /// A whole-batch failure the provider reported (validation errors), shown with the retried items.
    public var failure: String?
    /// Gemini's inline responses, carried from the poll that saw them.
    var inline: [String: BatchItemOutcome]?

    public init(
        providerState: String, ended: Bool, total: Int? = nil, succeeded: Int? = nil, failed: Int? = nil, resultRefs: [String] = [],
        failure: String? = nil
    ) {
        self.providerState = providerState
        self.ended = ended
        self.total = total
        self.succeeded = succeeded
        self.failed = failed
        self.resultRefs = resultRefs
        self.failure = failure
    }
}

/// The fate of one request of an ended batch.
public enum BatchItemOutcome: Sendable, Hashable {
    /// The model's answer.
    case answered(CompletionResponse)
    /// A failure a new attempt would repeat (an invalid request): recorded as the item's error.
    case failed(ProviderError)
    /// Not answered for a reason a new batch can fix (expired, cancelled, a server error): resubmitted.
    case retry(String)
}

/// A provider's batch service: submit many prompts, poll, collect. Each request is answered in the batch as
/// the provider's normal API would answer it alone (the same body, the same answer mapping).
public protocol BatchJobProvider: Sendable {
    /// The provider's limit of requests per batch.
    var maxRequestsPerBatch: Int { get }
    /// Creates a batch of `items` (uploading its input file first where the API wants one).
    func submit(_ items: [BatchRequestItem]) async throws(ProviderError) -> BatchSubmission
    /// One poll of the batch's state and counts.
    func status(of batch: BatchSubmission) async throws(ProviderError) -> BatchStatus
    /// The outcome of each request of an ended batch, by custom id. A request the provider says nothing
    /// about is missing from the map (the caller resubmits it: never lost).
    func results(of batch: BatchSubmission, status: BatchStatus) async throws(ProviderError) -> [String: BatchItemOutcome]
}
