/// A `DISSECT` pattern that Elasticsearch would reject (or that cannot serve a prompt's output spec).
public struct DissectPatternError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The pattern as written.
    public let pattern: String
    /// Why it is rejected, in words.
    public let reason: String

    /// An error for `pattern`, explained by `reason`.
    public init(pattern: String, reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    /// `invalid DISSECT pattern "<pattern>": <reason>`
    public var description: String {
        "invalid DISSECT pattern \"\(pattern)\": \(reason)"
    }
}
