internal import TriageEval

/// The question a summary answers first, per prompt × model and in cases (samples folded by majority, an
/// unanswered sample counting as wrong): attacks missed, false alarms raised, must-alert failures, flip rate.
public struct CaseSummary: Sendable, Hashable {
    /// Planned cases.
    public var cases: Int
    /// Planned samples (evaluations) over those cases.
    public var samples: Int
    /// Answered samples.
    public var answered: Int
    /// Attack cases.
    public var attacks: Int
    /// Benign cases.
    public var benign: Int
    /// Benign cases with at least one answered sample: the denominator of the case FPR.
    public var answeredBenign: Int
    /// Attack cases the majority of samples did not alert on (unanswered ones included).
    public var missedAttacks: CaseOutcomeList
    /// Benign cases that alerted (by majority).
    public var falseAlarms: CaseOutcomeList
    /// Cases tagged `must-alert` that did not alert, or `must-not-alert` that did (by majority).
    public var mustAlertFailures: CaseOutcomeList
    /// Cases with more than one answered sample, and those whose verdicts differed.
    public var repeated: Int
    public var flipped: Int

    public init(_ group: RunAnalysis.Group) {
        let outcomes = group.cases
        cases = outcomes.count
        samples = group.planned
        answered = group.items.count
        attacks = outcomes.count { $0.label == .tp }
        benign = outcomes.count - attacks
        answeredBenign = outcomes.count { $0.label == .fp && !$0.answered.isEmpty }
        missedAttacks = CaseOutcomeList(outcomes, where: \.isMissedAttack)
        falseAlarms = CaseOutcomeList(outcomes, where: \.isFalseAlarm)
        mustAlertFailures = CaseOutcomeList(outcomes) { outcome in
            let tags = group.tagsByCase[outcome.caseID] ?? []
            let tagged = (outcome.label == .tp && tags.contains(GateEvaluator.mustAlertTag)) || (outcome.label == .fp && tags.contains(GateEvaluator.mustNotAlertTag))
            return tagged && outcome.isWrong()
        }
        repeated = outcomes.count { $0.answered.count > 1 }
        flipped = outcomes.count { $0.answered.count > 1 && $0.flipped }
    }

    /// False-alarm cases over answered benign cases, nil when no benign case was answered.
    public var fpr: Double? { answeredBenign == 0 ? nil : Double(falseAlarms.count) / Double(answeredBenign) }

    /// Flipped over repeated cases, nil when no case has two answered samples.
    public var flipRate: Double? { repeated == 0 ? nil : Double(flipped) / Double(repeated) }

    /// `69 cases · 207 samples (200 answered)`.
    public var sizeText: String {
        "\(cases) cases · \(samples) samples" + (answered == samples ? "" : " (\(answered) answered)")
    }

    /// `3 of 40`.
    public static func countText(_ count: Int, of total: Int) -> String { "\(count) of \(total)" }
}
