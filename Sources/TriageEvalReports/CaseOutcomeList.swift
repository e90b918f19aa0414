public import TriageEval

/// Some of a group's case outcomes (its missed attacks, its false alarms), in the group's order, held as positions
/// in the group's own list: a big run's tens of thousands of missed attacks are listed without a copy of each.
public struct CaseOutcomeList: RandomAccessCollection, Sendable, Hashable {
    private let all: [CaseOutcome]
    private let positions: [Int32]

    /// The outcomes of `all` that satisfy `isIncluded`, in order.
    public init(_ all: [CaseOutcome], where isIncluded: (CaseOutcome) -> Bool) {
        self.all = all
        var positions: [Int32] = []
        for (position, outcome) in all.enumerated() where isIncluded(outcome) { positions.append(Int32(position)) }
        self.positions = positions
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }
    public subscript(position: Int) -> CaseOutcome { all[Int(positions[position])] }

    public static func == (lhs: CaseOutcomeList, rhs: CaseOutcomeList) -> Bool { lhs.elementsEqual(rhs) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for outcome in self { hasher.combine(outcome) }
    }
}
