/// Which field carries the verdict and how its values map onto the declared verdicts
/// (`verdict: {field: true_positive_likelihood, map: {high: TP, medium: SUSPICIOUS, low: FP}}`).
public struct VerdictRule: Sendable, Codable, Hashable {
    /// The declared field (a path) holding the verdict.
    public var field: String
    /// Normalised field value → canonical verdict, in declared order. Empty: the identity onto the spec's
    /// verdicts under its `verdict_case` (a DISSECT or older JSON prompt).
    public var map: [ValueMapping]

    /// One entry of the map: a field value (`true`/`false` for a boolean field) and the verdict it stands for.
    public struct ValueMapping: Sendable, Codable, Hashable {
        public var value: String
        public var verdict: String

        public init(value: String, verdict: String) {
            self.value = value
            self.verdict = verdict
        }
    }

    public init(field: String, map: [ValueMapping] = []) {
        self.field = field
        self.map = map
    }
}
