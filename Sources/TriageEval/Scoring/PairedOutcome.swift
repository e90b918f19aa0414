/// One case as judged by two runs: its label and whether each run alerted.
public struct PairedOutcome: Sendable, Hashable {
    /// The case's ground truth.
    public var label: Label
    /// Whether the base run alerted.
    public var baseAlert: Bool
    /// Whether the candidate run alerted.
    public var candidateAlert: Bool

    /// Creates a paired outcome.
    public init(label: Label, baseAlert: Bool, candidateAlert: Bool) {
        self.label = label
        self.baseAlert = baseAlert
        self.candidateAlert = candidateAlert
    }
}
