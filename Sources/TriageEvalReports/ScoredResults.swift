internal import TriageEval

/// A group's answered results as ``ScoredItems``: each scored from its compact result when it is read, so a big run's
/// reports hold an answer once (as a result), not also as a ``ScoredItem``.
final class ScoredResults: ScoredItems.Source {
    let results: ResultColumns
    /// Positions of the results that score, when some do not (provider errors, answers without a strict parse); nil
    /// when every one does.
    let positions: [Int32]?
    let count: Int

    init(_ results: ResultColumns) {
        self.results = results
        let scoring = results.indices.count(where: results.scores)
        count = scoring
        if scoring == results.count {
            positions = nil
        } else {
            var positions: [Int32] = []
            positions.reserveCapacity(scoring)
            for position in results.indices where results.scores(at: position) { positions.append(Int32(position)) }
            self.positions = positions
        }
    }

    func item(at position: Int) -> ScoredItem {
        guard let item = results.scoredItem(at: positions.map { Int($0[position]) } ?? position) else {
            preconditionFailure("ScoredResults: position \(position) does not score")
        }
        return item
    }
}
