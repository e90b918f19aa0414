/// What a run tells its caller while it executes.
public enum RunEvent: Sendable {
    /// After every finished evaluation.
    case progress(RunProgress)
    /// A model's circuit breaker opened: its remaining evaluations are recorded as `circuit_open` errors.
    case circuitOpened(model: String, reason: String, runID: Int64)
    /// `--max-cost` was reached: no further call starts. `spentUSD` is settled (the session's calls so far,
    /// priced as ``RunOutcome/spentUSD``), `inFlightUSD` the worst case still reserved by calls under way.
    case budgetReached(limitUSD: Double, spentUSD: Double, inFlightUSD: Double)
    /// A provider batch was submitted or polled: its provider-side state and counts.
    case batch(BatchProgress)
    /// Something about a provider batch worth saying (a failed poll, items resubmitted or given up).
    case batchNote(String)
}
