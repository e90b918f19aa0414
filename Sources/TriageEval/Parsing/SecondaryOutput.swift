/// A categorical output scored against a case's expected value
/// (`secondary: [{field: threat_level, case_field: priority}]` and `expected: {priority: high}` in the case).
public struct SecondaryOutput: Sendable, Codable, Hashable {
    /// The declared category field (a path) of the answer.
    public var field: String
    /// The key of the case's `expected:` mapping it is compared with.
    public var caseField: String

    public init(field: String, caseField: String) {
        self.field = field
        self.caseField = caseField
    }
}
