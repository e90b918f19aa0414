/// The ES|QL queries the stub runs — `COMPLETION` over prompts given inline:
///
///     ROW prompt = "<prompt>" | COMPLETION triage_result = prompt WITH {"inference_id": "<id>"} | KEEP triage_result
///     ROW prompt = ["<p1>", "<p2>"] | MV_EXPAND prompt
///       | COMPLETION triage_result = prompt WITH {"inference_id": "<id>"} | KEEP prompt, triage_result
///
/// Keywords are case-insensitive and column names free. Anything else is a `parsing_exception`, as is a
/// multi-valued prompt without `MV_EXPAND`; more than ``maxRows`` prompts is a `verification_exception`
/// (Elasticsearch's `COMPLETION` row limit).
struct EsqlRowQuery: Sendable, Equatable {
    /// `COMPLETION` processes at most this many rows per query.
    static let maxRows = 100

    /// The `ROW` column holding the prompts.
    var promptColumn: String
    /// The prompts, one per row, in order.
    var prompts: [String]
    /// The column `COMPLETION` writes.
    var completionColumn: String
    var inferenceID: String
    /// The `KEEP` columns, in order.
    var keep: [String]

    init(parsing text: String) throws(EsqlQueryError) {
        var parser = Parser(tokens: try EsqlTokenizer.tokenize(text))
        self = try parser.query()
    }

    private init(promptColumn: String, prompts: [String], completionColumn: String, inferenceID: String, keep: [String]) {
        self.promptColumn = promptColumn
        self.prompts = prompts
        self.completionColumn = completionColumn
        self.inferenceID = inferenceID
        self.keep = keep
    }

    /// Recursive descent over the token list.
    private struct Parser {
        let tokens: [EsqlToken]
        var position = 0

        var current: EsqlToken { tokens[min(position, tokens.count - 1)] }

        mutating func query() throws(EsqlQueryError) -> EsqlRowQuery {
            try keyword("ROW")
            let rowToken = current
            let promptColumn = try identifier()
            try symbol("=")
            let (prompts, multiValued) = try promptValues()
            try symbol("|")

            var expanded = false
            if isKeyword("MV_EXPAND") {
                try keyword("MV_EXPAND")
                try column(promptColumn)
                try symbol("|")
                expanded = true
            }
            if multiValued, !expanded {
                throw .parsing("COMPLETION needs one prompt per row: add | MV_EXPAND \(promptColumn) after ROW",
                               line: rowToken.line, column: rowToken.column)
            }

            try keyword("COMPLETION")
            let completionColumn = try identifier()
            try symbol("=")
            try column(promptColumn)
            try keyword("WITH")
            let inferenceID = try options()
            try symbol("|")

            try keyword("KEEP")
            var keep: [String] = []
            repeat {
                let token = current
                let name = try identifier()
                guard name == promptColumn || name == completionColumn else {
                    throw .verification("Unknown column [\(name)]", line: token.line, column: token.column)
                }
                keep.append(name)
            } while try accept(",")
            guard current.kind == .end else { throw unexpected() }

            guard prompts.count <= EsqlRowQuery.maxRows else {
                throw .verification(
                    "COMPLETION supports at most \(EsqlRowQuery.maxRows) rows per query, got \(prompts.count); split the prompts into batches",
                    line: rowToken.line, column: rowToken.column
                )
            }
            return EsqlRowQuery(
                promptColumn: promptColumn, prompts: prompts, completionColumn: completionColumn,
                inferenceID: inferenceID, keep: keep
            )
        }

        /// `"…"` or `["…", "…"]`; the flag tells whether it was a list.
        mutating func promptValues() throws(EsqlQueryError) -> ([String], Bool) {
            if case .string(let value) = current.kind {
                position += 1
                return ([value], false)
            }
            try symbol("[")
            var values: [String] = []
            repeat {
                guard case .string(let value) = current.kind else { throw unexpected(expecting: "string literal") }
                position += 1
                values.append(value)
            } while try accept(",")
            try symbol("]")
            return (values, true)
        }

        /// `{"inference_id": "<id>"}` (other string options are accepted and ignored); returns the id.
        mutating func options() throws(EsqlQueryError) -> String {
            let open = current
            try symbol("{")
            var inferenceID: String?
            repeat {
                guard case .string(let key) = current.kind else { throw unexpected(expecting: "string literal") }
                position += 1
                try symbol(":")
                guard case .string(let value) = current.kind else { throw unexpected(expecting: "string literal") }
                position += 1
                if key == "inference_id" { inferenceID = value }
            } while try accept(",")
            try symbol("}")
            guard let inferenceID, !inferenceID.isEmpty else {
                throw .parsing("COMPLETION requires an \"inference_id\" option", line: open.line, column: open.column)
            }
            return inferenceID
        }

        func isKeyword(_ word: String) -> Bool {
            if case .identifier(let name) = current.kind { return name.uppercased() == word }
            return false
        }

        mutating func keyword(_ word: String) throws(EsqlQueryError) {
            guard isKeyword(word) else { throw unexpected(expecting: "'\(word)'") }
            position += 1
        }

        mutating func identifier() throws(EsqlQueryError) -> String {
            guard case .identifier(let name) = current.kind else { throw unexpected(expecting: "a column name") }
            position += 1
            return name
        }

        /// A reference to an existing column, which must be `name`.
        mutating func column(_ name: String) throws(EsqlQueryError) {
            let token = current
            guard try identifier() == name else {
                throw .verification("Unknown column [\(Self.name(of: token))]", line: token.line, column: token.column)
            }
        }

        mutating func symbol(_ symbol: Character) throws(EsqlQueryError) {
            guard current.kind == .symbol(symbol) else { throw unexpected(expecting: "'\(symbol)'") }
            position += 1
        }

        mutating func accept(_ symbol: Character) throws(EsqlQueryError) -> Bool {
            guard current.kind == .symbol(symbol) else { return false }
            position += 1
            return true
        }

        func unexpected(expecting expected: String? = nil) -> EsqlQueryError {
            let token = current
            var message = "mismatched input \(token.display)"
            if let expected { message += " expecting \(expected)" }
            return .parsing(message, line: token.line, column: token.column)
        }

        static func name(of token: EsqlToken) -> String {
            if case .identifier(let name) = token.kind { return name }
            return token.display
        }
    }
}
