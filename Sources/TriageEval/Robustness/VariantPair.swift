/// One variant case judged beside its own base case by the same prompt × model on the same sample: what the
/// robustness metrics count.
public struct VariantPair: Sendable, Hashable {
    /// One side's answer for the case: every row of a rule's execution folded (a single call is one row).
    public struct Side: Sendable, Hashable {
        /// The strict (production) parse succeeded on every row.
        public var parsed: Bool
        /// The decision alerted on at least one row (a case alerts when any of its rows does).
        public var alert: Bool
        /// The strictly parsed answer of each row, in row order (nil fields where the parse failed).
        public var answers: [Answer]

        public init(parsed: Bool, alert: Bool, answers: [Answer]) {
            self.parsed = parsed
            self.alert = alert
            self.answers = answers
        }
    }

    /// A parsed verdict and confidence.
    public struct Answer: Sendable, Hashable {
        public var verdict: String?
        public var confidence: Double?

        public init(verdict: String?, confidence: Double?) {
            self.verdict = verdict
            self.confidence = confidence
        }
    }

    /// The variant case's id (`base-id~transform~n`).
    public var caseID: String
    /// The base case's id.
    public var baseID: String
    /// The transform's name.
    public var transform: String
    /// The label both cases share.
    public var label: Label
    public var sample: Int
    public var base: Side
    public var variant: Side

    public init(caseID: String, baseID: String, transform: String, label: Label, sample: Int, base: Side, variant: Side) {
        self.caseID = caseID
        self.baseID = baseID
        self.transform = transform
        self.label = label
        self.sample = sample
        self.base = base
        self.variant = variant
    }

    /// Both answers parsed: the pair counts in every rate.
    public var bothParsed: Bool { base.parsed && variant.parsed }
    /// The variant decided otherwise than its base.
    public var flipped: Bool { base.alert != variant.alert }
    /// An attack the base alerted on and the variant did not.
    public var suppressed: Bool { label == .tp && base.alert && !variant.alert }
    /// A benign case the base was silent on and the variant alerted on.
    public var inducedFalseAlarm: Bool { label == .fp && !base.alert && variant.alert }
}
