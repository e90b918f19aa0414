internal import Synchronization

/// Counts of what a ``Store`` read, for tests and benchmarks that prove a query touches only the rows it needs.
public final class StoreInstrumentation: Sendable {
    private let rows = Mutex(0)
    private let hashes = Mutex(0)
    private let held = Mutex((now: 0, peak: 0))

    init() {}

    /// Case revision rows (with their bodies) read so far through this store.
    public var caseRowsRead: Int { rows.withLock { $0 } }

    /// Latest-revision content hashes (id and hash, no body) read so far by imports, or compared in SQLite with a kept
    /// file's recorded entries by case-set syncs.
    public var caseHashesRead: Int { hashes.withLock { $0 } }

    /// Decoded cases a run holds now (planning and execution report theirs with ``holdCases(_:)``/``releaseCases(_:)``).
    public var casesHeld: Int { held.withLock { $0.now } }

    /// The most decoded cases a run held at once since this store was opened.
    public var peakCasesHeld: Int { held.withLock { $0.peak } }

    func countCaseRows(_ count: Int) { rows.withLock { $0 += count } }

    func countCaseHashes(_ count: Int) { hashes.withLock { $0 += count } }

    /// Notes `count` decoded cases taken into memory.
    public func holdCases(_ count: Int) {
        held.withLock { state in
            state.now += count
            state.peak = max(state.peak, state.now)
        }
    }

    /// Notes `count` decoded cases let go.
    public func releaseCases(_ count: Int) { held.withLock { $0.now -= count } }
}
