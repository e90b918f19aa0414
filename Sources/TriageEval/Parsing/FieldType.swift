/// The type a declared output field must have in the parsed answer (`type:` in `output.fields`).
public enum FieldType: String, Sendable, Codable, Hashable, CaseIterable {
    /// A JSON string.
    case string
    /// A JSON number (or a string `TO_DOUBLE` converts), a `double` in the decision's row.
    case number
    /// JSON `true` or `false`, a `boolean` in the decision's row.
    case boolean
    /// A JSON string from a declared set of `values`, compared after normalisation.
    case category
}
