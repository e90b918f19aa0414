/// One lexical token of an ES|QL query, with the line it starts on.
struct EsqlToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A name: a command, function or keyword (`WHERE`, `TO_LOWER`, `and`) or a column (`Esql.verdict`, `@timestamp`).
        case word(String)
        /// A back-quoted column name, never a keyword.
        case quotedName(String)
        case string(String)
        case integer(Int64)
        case decimal(Double)
        /// Punctuation and operators: `|`, `,`, `(`, `)`, `{`, `}`, `[`, `]`, `:`, `::`, `=`, `==`, `!=`, `<`, `<=`, `>`, `>=`, `=~`,
        /// `+`, `-`, `*`, `/`, `%`.
        case symbol(String)
        case end
    }

    var kind: Kind
    var line: Int
    /// Where the token starts and ends in the query (Unicode scalar offsets), to name an unnamed
    /// expression by its source text as ES|QL does (`STATS COUNT(*)` makes a column `COUNT(*)`).
    var start: Int = 0
    var end: Int = 0

    /// The word, upper-cased, when this token is an unquoted word.
    var keyword: String? {
        if case .word(let word) = kind { return word.uppercased() }
        return nil
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .word(let word): word
        case .quotedName(let name): "`\(name)`"
        case .string(let text): "\"\(text)\""
        case .integer(let value): String(value)
        case .decimal(let value): String(value)
        case .symbol(let symbol): symbol
        case .end: "end of query"
        }
    }
}
