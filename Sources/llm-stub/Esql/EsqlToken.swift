/// One lexical token of an ES|QL query, with its 1-based position for error messages.
struct EsqlToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A name or keyword (`ROW`, `prompt`, `` `quoted name` ``).
        case identifier(String)
        /// A string literal's value, escapes resolved.
        case string(String)
        /// One of `| = [ ] , { } :`.
        case symbol(Character)
        case end
    }

    var kind: Kind
    var line: Int
    var column: Int

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .string: "string literal"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "<EOF>"
        }
    }
}
