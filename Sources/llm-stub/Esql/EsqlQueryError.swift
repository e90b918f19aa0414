/// Why the stub cannot run an ES|QL query, worded like Elasticsearch's own errors.
struct EsqlQueryError: Error, Sendable, Equatable {
    /// The Elasticsearch exception type: `parsing_exception` or `verification_exception`.
    var exceptionType: String
    /// `line L:C: …`, as Elasticsearch reports it.
    var reason: String

    static func parsing(_ message: String, line: Int, column: Int) -> EsqlQueryError {
        EsqlQueryError(exceptionType: "parsing_exception", reason: "line \(line):\(column): \(message)")
    }

    static func verification(_ message: String, line: Int, column: Int) -> EsqlQueryError {
        EsqlQueryError(exceptionType: "verification_exception", reason: "Found 1 problem\nline \(line):\(column): \(message)")
    }
}
