/// How the stub's batch endpoints behave (`--batch-*` options).
struct StubBatchSettings: Sendable {
    /// A batch ends this long after it was created (0: at the first poll).
    var delayMilliseconds = 0
    /// The first N batches created expire: their first half is answered, the rest expires unanswered
    /// (Gemini: an expired batch has no results at all, as the API documents).
    var expireFirst = 0
    /// Every N-th request of a batch (by position) gets a server error (a retryable failure).
    var errorEvery = 0
    /// Every N-th request of a batch gets an invalid-request error (a final failure).
    var invalidEvery = 0
}
