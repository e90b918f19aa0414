/// Expressions, by precedence as ES|QL's grammar: `OR` < `AND` < `NOT` < predicates (`IS [NOT] NULL`,
/// `[NOT] IN`, `[NOT] LIKE`) and comparisons < `+ -` < `* / %` < unary minus < primaries (literals,
/// time spans, columns, calls, parentheses, `::` casts).
extension EsqlParser {
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
        let left = try additive()
        let line = current.line
        if case .symbol(let symbol) = current.kind, let comparison = EsqlComparison(rawValue: symbol) {
            _ = advance()
            return .compare(comparison, left, try additive(), line: line)
        }
        if current.isSymbol("=") {
            throw EsqlError(line: line, "`=` is assignment; compare with `==`")
        }
        if current.isSymbol(":") {
            throw EsqlError(line: line, "the match operator `:` is outside the supported ES|QL subset")
        }
        var negated = false
        if current.keyword == "NOT", ["IN", "LIKE", "RLIKE"].contains(next.keyword ?? "") {
            negated = true
            _ = advance()
        }
        switch current.keyword {
        case "IS":
            _ = advance()
            var isNot = false
            if current.keyword == "NOT" { isNot = true; _ = advance() }
            guard current.keyword == "NULL" else { throw EsqlError(line: current.line, "expected NULL after IS") }
            _ = advance()
            return .isNull(left, negated: isNot, line: line)
        case "IN":
            _ = advance()
            try expect("(")
            var list = [try additive()]
            while current.isSymbol(",") { _ = advance(); list.append(try additive()) }
            try expect(")")
            return .in(left, list, negated: negated, line: line)
        case "LIKE":
            _ = advance()
            guard case .string(let pattern) = advance().kind else { throw EsqlError(line: line, "LIKE needs a pattern string") }
            return .like(left, pattern: pattern, negated: negated, line: line)
        case "RLIKE":
            throw EsqlError(line: line, "operator RLIKE is outside the supported ES|QL subset")
        default:
            return left
        }
    }

    mutating func additive() throws(EsqlError) -> EsqlExpression {
        var left = try multiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let token = advance()
            left = .arithmetic(token.isSymbol("+") ? .add : .subtract, left, try multiplicative(), line: token.line)
        }
        return left
    }

    mutating func multiplicative() throws(EsqlError) -> EsqlExpression {
        var left = try unary()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            let token = advance()
            let op: EsqlArithmetic = token.isSymbol("*") ? .multiply : (token.isSymbol("/") ? .divide : .modulo)
            left = .arithmetic(op, left, try unary(), line: token.line)
        }
        return left
    }

    mutating func unary() throws(EsqlError) -> EsqlExpression {
        if current.isSymbol("-") {
            let line = advance().line
            switch current.kind {
            case .integer(let value) where !isTimeUnit(next):
                _ = advance()
                return try casts(.literal(.integer(-value), line: line))
            case .decimal(let value):
                _ = advance()
                return try casts(.literal(.double(-value), line: line))
            default:
                return .negate(try unary(), line: line)
            }
        }
        if current.isSymbol("+") {
            _ = advance()
            return try unary()
        }
        return try casts(try primary())
    }

    /// `primary::type`, repeatedly.
    mutating func casts(_ expression: EsqlExpression) throws(EsqlError) -> EsqlExpression {
        var result = expression
        while current.isSymbol("::") {
            let line = advance().line
            let type = try name(of: "type").uppercased()
            guard let function = Self.castFunctions[type] else { throw EsqlError(line: line, "cast to \(type) is outside the supported ES|QL subset") }
            result = .cast(result, function: function, line: line)
        }
        return result
    }

    static let castFunctions: [String: String] = [
        "STRING": "TO_STRING", "KEYWORD": "TO_STRING", "TEXT": "TO_STRING", "DOUBLE": "TO_DOUBLE", "INTEGER": "TO_INTEGER", "INT": "TO_INTEGER",
        "LONG": "TO_LONG", "BOOLEAN": "TO_BOOLEAN", "BOOL": "TO_BOOLEAN", "DATETIME": "TO_DATETIME", "DATE": "TO_DATETIME", "IP": "TO_IP",
    ]

    func isTimeUnit(_ token: EsqlToken) -> Bool {
        if case .word(let word) = token.kind { return EsqlTimeSpan.unit(named: word) != nil }
        return false
    }

    mutating func primary() throws(EsqlError) -> EsqlExpression {
        let token = advance()
        let line = token.line
        switch token.kind {
        case .string(let text): return .literal(.string(text), line: line)
        case .integer(let value):
            if case .word(let word) = current.kind, let unit = EsqlTimeSpan.unit(named: word) {
                _ = advance()
                return .literal(.timeSpan(EsqlTimeSpan(value, unit)), line: line)
            }
            return .literal(.integer(value), line: line)
        case .decimal(let value): return .literal(.double(value), line: line)
        case .quotedName(let name): return .column(name, line: line)
        case .symbol("("):
            let inner = try expression()
            try expect(")")
            return inner
        case .symbol("*"): return .star(line: line)
        case .symbol("{"): throw EsqlError(line: line, "function options { … } are outside the supported ES|QL subset")
        case .symbol("["):
            var items: [EsqlValue] = []
            repeat {
                if !items.isEmpty { _ = advance() }
                guard case .literal(let value, _) = try unary() else { throw EsqlError(line: line, "a multi-value literal [ … ] holds constants only") }
                items.append(value)
            } while current.isSymbol(",")
            try expect("]")
            return .literal(.values(items), line: line)
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
