/// Expressions, by precedence: `OR` < `AND` < `NOT` < predicates (`IS [NOT] NULL`, `[NOT] IN`,
/// `[NOT] LIKE`) and comparisons < primaries (literals, columns, calls, parentheses).
extension EsqlParser {
    static let timeUnits: Set<String> = [
        "MILLISECOND", "MILLISECONDS", "MS", "SECOND", "SECONDS", "SEC", "S", "MINUTE", "MINUTES", "MIN", "HOUR", "HOURS", "H",
        "DAY", "DAYS", "D", "WEEK", "WEEKS", "W", "MONTH", "MONTHS", "MO", "QUARTER", "QUARTERS", "Q", "YEAR", "YEARS", "YR", "Y",
    ]

    mutating func expression() throws(EsqlError) -> EsqlExpression {
        var left = try conjunction()
        while current.keyword == "OR" {
            let line = advance().line
            left = .or(left, try conjunction(), line: line)
        }
        return left
    }

    mutating func conjunction() throws(EsqlError) -> EsqlExpression {
        var left = try negation()
        while current.keyword == "AND" {
            let line = advance().line
            left = .and(left, try negation(), line: line)
        }
        return left
    }

    mutating func negation() throws(EsqlError) -> EsqlExpression {
        if current.keyword == "NOT" {
            let line = advance().line
            return .not(try negation(), line: line)
        }
        return try predicate()
    }

    mutating func predicate() throws(EsqlError) -> EsqlExpression {
        let left = try primary()
        let line = current.line
        if case .symbol(let symbol) = current.kind, let comparison = EsqlComparison(rawValue: symbol) {
            _ = advance()
            return .compare(comparison, left, try primary(), line: line)
        }
        if current.isSymbol("=") {
            throw EsqlError(line: line, "`=` is assignment; compare with `==`")
        }
        var negated = false
        if current.keyword == "NOT" {
            negated = true
            _ = advance()
        }
        switch current.keyword {
        case "IS":
            guard !negated else { throw EsqlError(line: line, "expected IS NOT NULL, not NOT IS") }
            _ = advance()
            var isNot = false
            if current.keyword == "NOT" { isNot = true; _ = advance() }
            guard current.keyword == "NULL" else { throw EsqlError(line: current.line, "expected NULL after IS") }
            _ = advance()
            return .isNull(left, negated: isNot, line: line)
        case "IN":
            _ = advance()
            try expect("(")
            var list = [try primary()]
            while current.isSymbol(",") { _ = advance(); list.append(try primary()) }
            try expect(")")
            return .in(left, list, negated: negated, line: line)
        case "LIKE":
            _ = advance()
            guard case .string(let pattern) = advance().kind else { throw EsqlError(line: line, "LIKE needs a pattern string") }
            return .like(left, pattern: pattern, negated: negated, line: line)
        case "RLIKE":
            throw EsqlError(line: line, "operator RLIKE is outside the supported ES|QL subset")
        default:
            if negated { throw EsqlError(line: line, "expected IN or LIKE after NOT, found \(current.display)") }
            if current.isSymbol("*") { throw EsqlError(line: line, "arithmetic (*) is outside the supported ES|QL subset") }
            return left
        }
    }

    mutating func primary() throws(EsqlError) -> EsqlExpression {
        let token = advance()
        let line = token.line
        switch token.kind {
        case .string(let text): return .literal(.string(text), line: line)
        case .integer(let value):
            if let unit = current.keyword, Self.timeUnits.contains(unit) {
                throw EsqlError(line: line, "time span literal `\(value) \(current.display)` is outside the supported ES|QL subset")
            }
            return .literal(.integer(value), line: line)
        case .decimal(let value): return .literal(.double(value), line: line)
        case .quotedName(let name): return .column(name, line: line)
        case .symbol("("):
            let inner = try expression()
            try expect(")")
            return inner
        case .symbol("*"): return .star(line: line)
        case .symbol("-"):
            switch advance().kind {
            case .integer(let value): return .literal(.integer(-value), line: line)
            case .decimal(let value): return .literal(.double(-value), line: line)
            default: throw EsqlError(line: line, "arithmetic (-) is outside the supported ES|QL subset; only negative number literals are")
            }
        case .symbol("["):
            throw EsqlError(line: line, "multi-value literals [ … ] are outside the supported ES|QL subset")
        case .word(let word):
            switch word.uppercased() {
            case "NULL": return .literal(.null, line: line)
            case "TRUE": return .literal(.boolean(true), line: line)
            case "FALSE": return .literal(.boolean(false), line: line)
            default: break
            }
            guard current.isSymbol("(") else { return .column(word, line: line) }
            _ = advance()
            var arguments: [EsqlExpression] = []
            if !current.isSymbol(")") {
                arguments.append(try expression())
                while current.isSymbol(",") { _ = advance(); arguments.append(try expression()) }
            }
            try expect(")")
            let name = word.uppercased()
            guard EsqlFunctions.supported.contains(name) || EsqlAggregation.supported.contains(name) else {
                throw EsqlError(line: line, "function \(name) is outside the supported ES|QL subset")
            }
            return .call(name, arguments, line: line)
        default:
            throw EsqlError(line: line, "expected an expression, found \(token.display)")
        }
    }
}
