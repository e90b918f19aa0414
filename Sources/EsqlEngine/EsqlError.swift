/// An ES|QL query the subset cannot parse or evaluate: what went wrong and on which line of the query.
public struct EsqlError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line in the query text.
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
