/// One field an output spec declares: where it sits in the parsed answer, its type and its normalisation.
public struct DeclaredField: Sendable, Codable, Hashable {
    /// The dotted path into the parsed object (`compromised_assets.risk_level` is
    /// `answer["compromised_assets"]["risk_level"]`); also the field's column name in the decision's `WHERE`.
    public var path: String
    public var type: FieldType
    /// The allowed values of a category, in their normalised spelling and declared order; empty otherwise.
    public var values: [String]
    /// Applied in order to a string or category value.
    public var normalize: [FieldNormalization]

    public init(path: String, type: FieldType, values: [String] = [], normalize: [FieldNormalization] = []) {
        self.path = path
        self.type = type
        self.values = values
        self.normalize = normalize
    }

    /// The normalised text of a string or category value.
    public func normalized(_ text: String) -> String {
        normalize.reduce(text) { $1.apply($0) }
    }
}
