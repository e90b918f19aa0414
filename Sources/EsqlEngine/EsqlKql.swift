/// The KQL the rules use inside ES|QL's `KQL("…")`, evaluated on a row whose fields are keywords:
/// `field : value`, `field : "quoted value"`, `field : (a or b and not c)`, `field : *` (exists),
/// `and`/`or`/`not` (case-insensitive) with parentheses. An unquoted value's `*` matches any run.
/// A field matches when any of its values equals the value (exact, as on a keyword field).
/// Range queries, free text without a field and nested queries are errors naming the query, never a silent pass.
enum EsqlKql {
    indirect enum Node {
        case match(field: String, ValueNode)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
    }

    indirect enum ValueNode {
        case value(String, wildcard: Bool)
        case and(ValueNode, ValueNode)
        case or(ValueNode, ValueNode)
        case not(ValueNode)
    }

    enum Token: Equatable {
        case word(String)
        case quoted(String)
        case open, close, colon
    }

    static func evaluate(_ query: String, _ row: EsqlRow, context: EsqlContext, line: Int) throws(EsqlError) -> EsqlValue {
        var parser = Parser(tokens: try tokenize(query, line: line), query: query, line: line)
        let node = try parser.parseQuery()
        guard parser.position == parser.tokens.count else { throw parser.unsupported() }
        return .boolean(matches(node, row))
    }

    static func matches(_ node: Node, _ row: EsqlRow) -> Bool {
        switch node {
        case .match(let field, let value):
            let values = (row[field] ?? .null).elements.compactMap(\.singleText)
            return matches(value, values)
        case .and(let a, let b): return matches(a, row) && matches(b, row)
        case .or(let a, let b): return matches(a, row) || matches(b, row)
        case .not(let inner): return !matches(inner, row)
        }
    }

    static func matches(_ node: ValueNode, _ values: [String]) -> Bool {
        switch node {
        case .value(let value, let wildcard):
            if wildcard && value == "*" { return !values.isEmpty }
            return values.contains { wildcard ? EsqlWildcard.matches($0, pattern: value) : $0 == value }
        case .and(let a, let b): return matches(a, values) && matches(b, values)
        case .or(let a, let b): return matches(a, values) || matches(b, values)
        case .not(let inner): return !matches(inner, values)
        }
    }

    static func tokenize(_ query: String, line: Int) throws(EsqlError) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(query.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.properties.isWhitespace { i += 1; continue }
            switch c {
            case "(": tokens.append(.open); i += 1
            case ")": tokens.append(.close); i += 1
            case ":": tokens.append(.colon); i += 1
            case "\"":
                i += 1
                var text = String.UnicodeScalarView()
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    text.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw EsqlError(line: line, "KQL query \(EsqlStringLiteral.quote(query)): unterminated quoted value") }
                i += 1
                tokens.append(.quoted(String(text)))
            default:
                var text = String.UnicodeScalarView()
                while i < chars.count, !chars[i].properties.isWhitespace, !"():\"<>{}".unicodeScalars.contains(chars[i]) {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    text.append(chars[i])
                    i += 1
                }
                guard !text.isEmpty else {
                    throw EsqlError(line: line, "KQL query \(EsqlStringLiteral.quote(query)): '\(chars[i])' (ranges and nested queries) is outside the supported subset")
                }
                tokens.append(.word(String(text)))
            }
        }
        return tokens
    }

    struct Parser {
        var tokens: [Token]
        var query: String
        var line: Int
        var position = 0

        var current: Token? { position < tokens.count ? tokens[position] : nil }
        func isKeyword(_ word: String) -> Bool {
            if case .word(let text)? = current { return text.lowercased() == word }
            return false
        }

        func unsupported() -> EsqlError {
            EsqlError(line: line, "KQL query \(EsqlStringLiteral.quote(query)) is outside the supported subset (field:value, field:(a or b), and/or/not, quoted values, * wildcards)")
        }

        mutating func parseQuery() throws(EsqlError) -> Node {
            var left = try conjunction()
            while isKeyword("or") { position += 1; left = .or(left, try conjunction()) }
            return left
        }

        mutating func conjunction() throws(EsqlError) -> Node {
            var left = try negation()
            while isKeyword("and") { position += 1; left = .and(left, try negation()) }
            return left
        }

        mutating func negation() throws(EsqlError) -> Node {
            if isKeyword("not") { position += 1; return .not(try negation()) }
            if current == .open {
                position += 1
                let inner = try parseQuery()
                guard current == .close else { throw unsupported() }
                position += 1
                return inner
            }
            guard case .word(let field)? = current, position + 1 < tokens.count, tokens[position + 1] == .colon else { throw unsupported() }
            position += 2
            return .match(field: field, try valueGroup())
        }

        mutating func valueGroup() throws(EsqlError) -> ValueNode {
            if current == .open {
                position += 1
                let inner = try valueOr()
                guard current == .close else { throw unsupported() }
                position += 1
                return inner
            }
            return try value()
        }

        mutating func valueOr() throws(EsqlError) -> ValueNode {
            var left = try valueAnd()
            while isKeyword("or") { position += 1; left = .or(left, try valueAnd()) }
            return left
        }

        mutating func valueAnd() throws(EsqlError) -> ValueNode {
            var left = try valueNot()
            while isKeyword("and") { position += 1; left = .and(left, try valueNot()) }
            return left
        }

        mutating func valueNot() throws(EsqlError) -> ValueNode {
            if isKeyword("not") { position += 1; return .not(try valueNot()) }
            return try valueGroup()
        }

        mutating func value() throws(EsqlError) -> ValueNode {
            switch current {
            case .quoted(let text)?:
                position += 1
                return .value(text, wildcard: false)
            case .word(let text)?:
                position += 1
                return .value(text, wildcard: text.contains("*"))
            default:
                throw unsupported()
            }
        }
    }
}
