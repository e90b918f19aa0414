internal import Algorithms
internal import Synchronization
internal import TriageEval
public import TriageEvalStore

/// What a lean ``RunAnalysis`` left in the store, read when a report shows it: the raw answer and parse summaries
/// of a result it lists, and the whole case behind a listed result. A big run's reports list a few hundred results
/// of 100,000, so they read those few instead of holding every answer and every decoded case.
///
/// Report writers are synchronous, so reads block; a failed read leaves the lean value in place and is kept in
/// ``failure``, which the command checks after writing (a report that could not read what it lists is not written
/// as if complete).
public final class RunDetails: Sendable {
    let store: Store
    /// The run's planned case revisions, sorted (to find a listed case's revision by its id; a big run's 100,000 as
    /// an array, not a hash set).
    let planned: [Int64]
    private struct State {
        var cases: [Int64: TriageCase] = [:]
        var failure: String?
    }
    private let state = Mutex(State())
    /// Decoded cases kept at most (listed cases repeat across a report's sections and formats).
    static let cachedCases = 512

    public init(store: Store, planned: [Int64]) {
        self.store = store
        self.planned = planned.sorted()
    }

    /// The first read that failed, if any.
    public var failure: String? { state.withLock { $0.failure } }

    /// `result` with its whole evaluation (raw answer, summaries) as stored.
    func detailed(_ result: StoredResult) -> StoredResult {
        do {
            guard let evaluation = try store.evaluationNow(result.key) else { return result }
            var full = result
            full.evaluation = evaluation
            return full
        } catch {
            record(error)
            return result
        }
    }

    /// The raw answer of each of `results` (nil where it has none), read in one go.
    func responses(_ results: [StoredResult]) -> [String?] {
        do {
            return try store.responsesNow(results.map(\.key))
        } catch {
            record(error)
            return results.map(\.evaluation.response)
        }
    }

    /// The decoded case revision, nil when unknown or unreadable (then ``failure`` says why).
    func caseItem(_ revision: Int64) -> TriageCase? {
        if let known = state.withLock({ $0.cases[revision] }) { return known }
        do {
            guard let stored = try store.caseRevisionNow(revision) else { return nil }
            state.withLock { state in
                if state.cases.count >= Self.cachedCases { state.cases.removeAll(keepingCapacity: true) }
                state.cases[revision] = stored.item
            }
            return stored.item
        } catch {
            record(error)
            return nil
        }
    }

    /// The planned revision of a case, by its id.
    func revision(ofCase caseID: String) -> Int64? {
        do {
            return try store.caseRevisionIDsNow(caseID).first(where: isPlanned)
        } catch {
            record(error)
            return nil
        }
    }

    /// Whether `revision` is planned (binary search of the sorted list).
    private func isPlanned(_ revision: Int64) -> Bool {
        let position = planned.partitioningIndex { $0 >= revision }
        return position < planned.count && planned[position] == revision
    }

    private func record(_ error: any Error) {
        state.withLock { state in
            if state.failure == nil { state.failure = String(describing: error) }
        }
    }
}
