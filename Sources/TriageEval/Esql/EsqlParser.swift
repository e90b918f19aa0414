/// Parses an ES|QL query of the supported subset into commands.
///
/// Commands: `FROM`, `WHERE`, `EVAL`, `STATS … BY`, `DISSECT` (with `APPEND_SEPARATOR`), `KEEP`, `LIMIT`,
/// `COMPLETION`. Anything else — a command, an operator, a literal form — is an ``EsqlError`` naming it
/// and its line; nothing is skipped. Functions are checked when the query is parsed, against
/// ``EsqlFunctions/supported`` and the aggregations of `STATS`.
public struct EsqlParser {
    var tokens: [EsqlToken]
    var position = 0

    /// Parses a whole query.
    public static func parse(_ query: String) throws(EsqlError) -> [EsqlCommand] {
        var parser = EsqlParser(tokens: try EsqlLexer.tokenize(query))
        return try parser.commands()
    }

    /// Parses one expression (for tests and tools).
    public static func parseExpression(_ text: String) throws(EsqlError) -> EsqlExpression {
        var parser = EsqlParser(tokens: try EsqlLexer.tokenize(text))
        let expression = try parser.expression()
        try parser.expectEnd()
        return expression
    }

    init(tokens: [EsqlToken]) { self.tokens = tokens }

    var current: EsqlToken { tokens[position] }
    mutating func advance() -> EsqlToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    mutating func commands() throws(EsqlError) -> [EsqlCommand] {
        var result: [EsqlCommand] = []
        while current.isSymbol("|") { _ = advance() }
        while current.kind != .end {
            result.append(try command())
            guard current.kind == .end || current.isSymbol("|") else {
                throw EsqlError(line: current.line, "unexpected \(current.display) after \(result.last?.name ?? "command"); expected | or the end of the query")
            }
            while current.isSymbol("|") { _ = advance() }
        }
        return result
    }

    mutating func command() throws(EsqlError) -> EsqlCommand {
        let token = advance()
        guard let keyword = token.keyword else { throw EsqlError(line: token.line, "expected a command, found \(token.display)") }
        let line = token.line
        switch keyword {
        case "FROM":
            var indices = [try self.name(of: "index")]
            while current.isSymbol(",") { _ = advance(); indices.append(try self.name(of: "index")) }
            if current.keyword == "METADATA" {
                _ = advance()
                _ = try self.name(of: "metadata field")
                while current.isSymbol(",") { _ = advance(); _ = try self.name(of: "metadata field") }
            }
            return .from(indices: indices, line: line)
        case "WHERE":
            return .where(try expression(), line: line)
        case "EVAL":
            return .eval(try assignments(), line: line)
        case "STATS":
            let aggregations = try assignments()
            var groups: [String] = []
            if current.keyword == "BY" {
                _ = advance()
                groups.append(try self.name(of: "grouping column"))
                while current.isSymbol(",") { _ = advance(); groups.append(try self.name(of: "grouping column")) }
            }
            return .stats(aggregations, by: groups, line: line)
        case "DISSECT":
            let input = try primary()
            guard case .string(let pattern) = advance().kind else { throw EsqlError(line: line, "DISSECT needs a pattern string") }
            var separator = ""
            if current.keyword == "APPEND_SEPARATOR" {
                _ = advance()
                try expect("=")
                guard case .string(let text) = advance().kind else { throw EsqlError(line: line, "APPEND_SEPARATOR needs a string") }
                separator = text
            }
            do {
                return .dissect(input, pattern: try DissectPattern(pattern, appendSeparator: separator), line: line)
            } catch {
                throw EsqlError(line: line, "invalid DISSECT pattern: \(error)")
            }
        case "KEEP":
            var names = [try self.name(of: "column")]
            while current.isSymbol(",") { _ = advance(); names.append(try self.name(of: "column")) }
            return .keep(names, line: line)
        case "LIMIT":
            guard case .integer(let count) = advance().kind, count >= 0, count <= Int64(Int32.max) else {
                throw EsqlError(line: line, "LIMIT needs a non-negative integer")
            }
            return .limit(Int(count), line: line)
        case "COMPLETION":
            return try completion(line: line)
        case "INLINE", "INLINESTATS":
            throw EsqlError(line: line, "command INLINE STATS is outside the supported ES|QL subset")
        default:
            throw EsqlError(line: line, "command \(keyword) is outside the supported ES|QL subset (FROM, WHERE, EVAL, STATS, DISSECT, KEEP, LIMIT, COMPLETION)")
        }
    }

    /// `COMPLETION target = prompt WITH { "inference_id": "…" }`.
    mutating func completion(line: Int) throws(EsqlError) -> EsqlCommand {
        let target = try name(of: "COMPLETION target column")
        try expect("=")
        let prompt = try expression()
        guard current.keyword == "WITH" else { throw EsqlError(line: current.line, "COMPLETION needs WITH { \"inference_id\": \"…\" }") }
        _ = advance()
        try expect("{")
        var options: [String: String] = [:]
        while !current.isSymbol("}") {
            guard case .string(let key) = advance().kind else { throw EsqlError(line: current.line, "COMPLETION options: expected a quoted key") }
            try expect(":")
            guard case .string(let value) = advance().kind else { throw EsqlError(line: current.line, "COMPLETION option \"\(key)\" needs a string value") }
            options[key] = value
            if current.isSymbol(",") { _ = advance() } else { break }
        }
        try expect("}")
        for key in options.keys where key != "inference_id" {
            throw EsqlError(line: line, "COMPLETION option \"\(key)\" is outside the supported subset")
        }
        guard let inferenceID = options["inference_id"] else { throw EsqlError(line: line, "COMPLETION needs an \"inference_id\" option") }
        return .completion(target: target, prompt: prompt, inferenceID: inferenceID, line: line)
    }

    mutating func assignments() throws(EsqlError) -> [EsqlAssignment] {
        var result: [EsqlAssignment] = []
        repeat {
            if !result.isEmpty { _ = advance() }
            let line = current.line
            let name = try self.name(of: "column")
            guard current.isSymbol("=") else { throw EsqlError(line: line, "expected `\(name) = expression` (an unnamed expression is outside the supported subset)") }
            _ = advance()
            result.append(EsqlAssignment(name: name, expression: try expression()))
        } while current.isSymbol(",")
        return result
    }

    /// A column or index name (unquoted or back-quoted).
    mutating func name(of what: String) throws(EsqlError) -> String {
        let token = advance()
        switch token.kind {
        case .word(let word): return word
        case .quotedName(let name): return name
        default: throw EsqlError(line: token.line, "expected a \(what), found \(token.display)")
        }
    }

    mutating func expect(_ symbol: String) throws(EsqlError) {
        guard current.isSymbol(symbol) else { throw EsqlError(line: current.line, "expected \(symbol), found \(current.display)") }
        _ = advance()
    }

    mutating func expectEnd() throws(EsqlError) {
        guard current.kind == .end else { throw EsqlError(line: current.line, "unexpected \(current.display)") }
    }
}
