internal import Algorithms

/// One case's planned samples folded into one line: its answered samples (verdict and decision each), how many
/// were planned, and whether the case counts as a missed attack or a false alarm.
///
/// Folding is by majority over the *planned* samples: an unanswered sample (provider error or never run)
/// counts as a wrong decision, so an errored attack is a missed attack and a tie is wrong.
public struct CaseOutcome: Sendable, Hashable {
    public var caseID: String
    public var scenario: String
    /// The items the answered samples are among, and where they are (a big run's 100,000 cases share one
    /// ``ScoredItems`` instead of an array each).
    private var items: ScoredItems
    private var bounds: Range<Int32>
    private var plannedSamples: Int32
    public var label: Label

    /// Samples planned for the case.
    public var planned: Int { Int(plannedSamples) }

    /// The answered samples, by sample index.
    public var answered: Slice<ScoredItems> { items[Int(bounds.lowerBound)..<Int(bounds.upperBound)] }

    public init(caseID: String, label: Label, scenario: String, planned: Int, answered: [ScoredItem]) {
        self.init(caseID: caseID, label: label, scenario: scenario, planned: planned, items: ScoredItems(answered), range: answered.indices)
    }

    /// The case whose answered samples are `items[range]` (reordered by sample index when they are not in order).
    public init(caseID: String, label: Label, scenario: String, planned: Int, items: ScoredItems, range: Range<Int>) {
        self.caseID = caseID
        self.label = label
        self.scenario = scenario
        let answered = items[range]
        plannedSamples = Int32(clamping: max(planned, answered.count))
        if zip(answered, answered.dropFirst()).allSatisfy({ $0.sample <= $1.sample }) {
            self.items = items
            bounds = Int32(range.lowerBound)..<Int32(range.upperBound)
        } else {
            self.items = ScoredItems(answered.sorted { $0.sample < $1.sample })
            bounds = 0..<Int32(answered.count)
        }
    }

    public static func == (lhs: CaseOutcome, rhs: CaseOutcome) -> Bool {
        lhs.caseID == rhs.caseID && lhs.label == rhs.label && lhs.scenario == rhs.scenario && lhs.planned == rhs.planned
            && lhs.answered.elementsEqual(rhs.answered)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(caseID)
        hasher.combine(label)
        hasher.combine(scenario)
        hasher.combine(planned)
        for item in answered { hasher.combine(item) }
    }

    /// Answered samples whose decision agrees with the label.
    public var right: Int { answered.count { $0.alert == (label == .tp) } }

    /// Planned samples with no answer.
    public var unanswered: Int { planned - answered.count }

    /// Whether the case fails under `flaky`: `majority` — not more than half of the planned samples right;
    /// `all` — some planned sample not right.
    public func isWrong(_ flaky: GatePolicy.FlakyPolicy = .majority) -> Bool {
        switch flaky {
        case .majority: 2 * right <= planned
        case .all: right < planned
        }
    }

    /// An attack the majority of samples did not alert on (unanswered samples count as not alerting).
    public var isMissedAttack: Bool { label == .tp && isWrong() }

    /// A benign case that alerted on some sample and was wrong by majority.
    public var isFalseAlarm: Bool { label == .fp && isWrong() && answered.contains(where: \.alert) }

    /// Whether the answered samples' verdicts differ.
    public var flipped: Bool { Set(answered.map(\.scoredVerdict)).count > 1 }

    /// `TP 0.92 alert · FP 0.40 · error`: each planned sample's verdict and decision.
    public var samplesText: String {
        var parts = answered.map { item -> String in
            let verdict = item.scoredVerdict ?? "unparsed"
            let confidence = item.confidence.map { " \(($0 * 1000).rounded() / 1000)" } ?? ""
            return "\(verdict)\(confidence)\(item.alert ? " alert" : "")"
        }
        parts += Array(repeating: "unanswered", count: unanswered)
        return parts.joined(separator: " · ")
    }

    /// Folds `items` (answered samples, any case) over `planned` cases, each with `samples` planned samples.
    /// Cases with no answered sample are kept (all samples unanswered).
    public static func fold(
        _ items: [ScoredItem], plannedCases: [(caseID: String, label: Label, scenario: String)], samples: Int
    ) -> [CaseOutcome] {
        fold(ScoredItems(items), plannedCases: plannedCases, samples: samples)
    }

    /// ``fold(_:plannedCases:samples:)`` over items read where they are held: each case's answered samples are a
    /// run of `items` (sorted by case id as results are read; a sorted copy otherwise).
    public static func fold(
        _ items: ScoredItems, plannedCases: [(caseID: String, label: Label, scenario: String)], samples: Int
    ) -> [CaseOutcome] {
        var items = items
        if !zip(items, items.dropFirst()).allSatisfy({ $0.caseID <= $1.caseID }) {
            // Stable: a case's samples keep their order.
            items = ScoredItems(items.indices.sorted { (items[$0].caseID, $0) < (items[$1].caseID, $1) }.map { items[$0] })
        }
        // Answered cases from runs of their items (a case's label and scenario are its items'), then planned cases
        // without any answered item.
        var runs: [Range<Int>] = []
        var start = 0
        var current = items.first?.caseID
        for (position, item) in items.enumerated().dropFirst() where item.caseID != current {
            runs.append(start..<position)
            start = position
            current = item.caseID
        }
        if !items.isEmpty { runs.append(start..<items.count) }
        var outcomes: [CaseOutcome] = []
        outcomes.reserveCapacity(runs.count + plannedCases.count)
        for run in runs {
            let first = items[run.lowerBound]
            outcomes.append(CaseOutcome(caseID: first.caseID, label: first.label, scenario: first.scenario, planned: samples, items: items, range: run))
        }
        if !plannedCases.isEmpty {
            // Each planned case without an answered one, its first entry kept: the entries in case order (positions
            // sorted, stable), each looked up among the answered cases (in case order, as their runs are) by binary
            // search. No set of an interrupted big run's 100,000 case ids.
            let answered = outcomes.count
            func isAnswered(_ caseID: String) -> Bool {
                let position = outcomes[..<answered].partitioningIndex { $0.caseID >= caseID }
                return position < answered && outcomes[position].caseID == caseID
            }
            let order = plannedCases.indices.sorted { (plannedCases[$0].caseID, $0) < (plannedCases[$1].caseID, $1) }
            var previous: String?
            for position in order {
                let planned = plannedCases[position]
                defer { previous = planned.caseID }
                guard planned.caseID != previous, !isAnswered(planned.caseID) else { continue }
                outcomes.append(CaseOutcome(caseID: planned.caseID, label: planned.label, scenario: planned.scenario, planned: samples, answered: []))
            }
        }
        outcomes.sort { $0.caseID < $1.caseID }
        return outcomes
    }
}
