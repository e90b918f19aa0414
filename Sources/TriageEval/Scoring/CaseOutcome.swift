/// One case's planned samples folded into one line: its answered samples (verdict and decision each), how many
/// were planned, and whether the case counts as a missed attack or a false alarm.
///
/// Folding is by majority over the *planned* samples: an unanswered sample (provider error or never run)
/// counts as a wrong decision, so an errored attack is a missed attack and a tie is wrong.
public struct CaseOutcome: Sendable, Hashable {
    public var caseID: String
    public var label: Label
    public var scenario: String
    /// Samples planned for the case.
    public var planned: Int
    /// The answered samples, by sample index: a slice of the group's scored items (a big run's 100,000 cases
    /// share one array instead of an array each).
    public var answered: ArraySlice<ScoredItem>

    public init(caseID: String, label: Label, scenario: String, planned: Int, answered: [ScoredItem]) {
        self.init(caseID: caseID, label: label, scenario: scenario, planned: planned, answered: answered[...])
    }

    public init(caseID: String, label: Label, scenario: String, planned: Int, answered: ArraySlice<ScoredItem>) {
        self.caseID = caseID
        self.label = label
        self.scenario = scenario
        self.planned = max(planned, answered.count)
        let ordered = zip(answered, answered.dropFirst()).allSatisfy { $0.sample <= $1.sample }
        self.answered = ordered ? answered : ArraySlice(answered.sorted { $0.sample < $1.sample })
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
        // Answered cases from runs of their items (slices of one array; a case's label and scenario are its items'),
        // then planned cases without any answered item.
        var answeredCases = 0
        items.forEachRun(by: \.caseID) { _ in answeredCases += 1 }
        var outcomes: [CaseOutcome] = []
        outcomes.reserveCapacity(answeredCases + plannedCases.count)
        items.forEachRun(by: \.caseID) { answered in
            guard let first = answered.first else { return }
            outcomes.append(CaseOutcome(caseID: first.caseID, label: first.label, scenario: first.scenario, planned: samples, answered: answered))
        }
        if !plannedCases.isEmpty {
            var seen = Set(outcomes.map(\.caseID))
            for planned in plannedCases where seen.insert(planned.caseID).inserted {
                outcomes.append(CaseOutcome(caseID: planned.caseID, label: planned.label, scenario: planned.scenario, planned: samples, answered: []))
            }
        }
        outcomes.sort { $0.caseID < $1.caseID }
        return outcomes
    }
}
