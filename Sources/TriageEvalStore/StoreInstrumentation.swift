internal import Synchronization

/// Counts of what a ``Store`` read, for tests and benchmarks that prove a query touches only the rows it needs.
public final class StoreInstrumentation: Sendable {
    private let rows = Mutex(0)
    private let hashes = Mutex(0)

    init() {}

    /// Case revision rows (with their bodies) read so far through this store.
    public var caseRowsRead: Int { rows.withLock { $0 } }

    /// Latest-revision content hashes (id and hash, no body) read so far by case-set syncs and imports.
    public var caseHashesRead: Int { hashes.withLock { $0 } }

    func countCaseRows(_ count: Int) { rows.withLock { $0 += count } }

    func countCaseHashes(_ count: Int) { hashes.withLock { $0 += count } }
}
