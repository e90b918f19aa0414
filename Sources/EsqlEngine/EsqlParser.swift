/// Parses an ES|QL query into commands.
///
/// Source commands: `ROW`, `FROM … [METADATA …]`. Processing commands: `WHERE`, `EVAL`, `STATS … BY`,
/// `INLINE STATS … BY`, `DISSECT` (with `APPEND_SEPARATOR`), `GROK`, `KEEP`, `DROP`, `RENAME`, `LIMIT`,
/// `SORT`, `MV_EXPAND`, `COMPLETION`. Anything else — a command, an operator, a function, a literal
/// form — is an ``EsqlError`` naming it and its line; nothing is skipped. Functions are checked when
/// the query is parsed, against ``EsqlFunctions/supported`` and ``EsqlAggregation/supported``.
public struct EsqlParser {
    var tokens: [EsqlToken]
    var source: [Unicode.Scalar]
    var position = 0

    /// Parses a whole query.
    public static func parse(_ query: String) throws(EsqlError) -> [EsqlCommand] {
        var parser = EsqlParser(tokens: try EsqlLexer.tokenize(query), source: Array(query.unicodeScalars))
        return try parser.commands()
    }

    /// Parses one expression (for tests and tools).
    public static func parseExpression(_ text: String) throws(EsqlError) -> EsqlExpression {
        var parser = EsqlParser(tokens: try EsqlLexer.tokenize(text), source: Array(text.unicodeScalars))
        let expression = try parser.expression()
        try parser.expectEnd()
        return expression
    }

    init(tokens: [EsqlToken], source: [Unicode.Scalar]) {
        self.tokens = tokens
        self.source = source
    }

    var current: EsqlToken { tokens[position] }
    mutating func advance() -> EsqlToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// The query text from token `first` up to (not including) the current token, as ES|QL names an unnamed expression.
    func text(from first: Int) -> String {
        let start = tokens[first].start
        let end = position > first ? tokens[position - 1].end : start
        return String(String.UnicodeScalarView(source[start..<max(start, end)]))
    }

    mutating func commands() throws(EsqlError) -> [EsqlCommand] {
        var result: [EsqlCommand] = []
        while current.isSymbol("|") { _ = advance() }
        while current.kind != .end {
            result += try command()
            guard current.kind == .end || current.isSymbol("|") else {
                throw EsqlError(line: current.line, "unexpected \(current.display) after \(result.last?.name ?? "command"); expected | or the end of the query")
            }
            while current.isSymbol("|") { _ = advance() }
        }
        return result
    }

    /// One command (two when a `STATS … BY` groups by an expression: an `EVAL` computes it first).
    mutating func command() throws(EsqlError) -> [EsqlCommand] {
        let token = advance()
        guard let keyword = token.keyword else { throw EsqlError(line: token.line, "expected a command, found \(token.display)") }
        let line = token.line
        switch keyword {
        case "ROW":
            return [.row(try assignments(named: true), line: line)]
        case "FROM":
            var indices = [try self.name(of: "index")]
            while current.isSymbol(",") { _ = advance(); indices.append(try self.name(of: "index")) }
            var metadata: [String] = []
            if current.keyword == "METADATA" {
                _ = advance()
                repeat {
                    if !metadata.isEmpty { _ = advance() }
                    let field = try self.name(of: "metadata field")
                    guard EsqlSource.metadataFields.contains(field) else {
                        throw EsqlError(line: line, "METADATA field \(field) is outside the supported ES|QL subset (\(EsqlSource.metadataFields.joined(separator: ", ")))")
                    }
                    metadata.append(field)
                } while current.isSymbol(",")
            }
            return [.from(indices: indices, metadata: metadata, line: line)]
        case "WHERE":
            return [.where(try expression(), line: line)]
        case "EVAL":
            return [.eval(try assignments(named: false), line: line)]
        case "STATS":
            return try stats(line: line, inline: false)
        case "INLINE", "INLINESTATS":
            if keyword == "INLINE" {
                guard current.keyword == "STATS" else { throw EsqlError(line: line, "expected STATS after INLINE") }
                _ = advance()
            }
            return try stats(line: line, inline: true)
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
                return [.dissect(input, pattern: try DissectPattern(pattern, appendSeparator: separator), line: line)]
            } catch {
                throw EsqlError(line: line, "invalid DISSECT pattern: \(error)")
            }
        case "GROK":
            let input = try primary()
            guard case .string(let pattern) = advance().kind else { throw EsqlError(line: line, "GROK needs a pattern string") }
            if current.isSymbol(",") { throw EsqlError(line: line, "GROK with several patterns is outside the supported ES|QL subset") }
            return [.grok(input, pattern: try EsqlGrok(pattern, line: line), line: line)]
        case "KEEP", "DROP":
            var names = [try self.pattern()]
            while current.isSymbol(",") { _ = advance(); names.append(try self.pattern()) }
            return [keyword == "KEEP" ? .keep(names, line: line) : .drop(names, line: line)]
        case "RENAME":
            var renames: [EsqlRename] = []
            repeat {
                if !renames.isEmpty { _ = advance() }
                let old = try self.name(of: "column")
                guard current.keyword == "AS" else { throw EsqlError(line: current.line, "RENAME needs `old AS new`") }
                _ = advance()
                renames.append(EsqlRename(old: old, new: try self.name(of: "column")))
            } while current.isSymbol(",")
            return [.rename(renames, line: line)]
        case "LIMIT":
            guard case .integer(let count) = advance().kind, count >= 0, count <= Int64(Int32.max) else {
                throw EsqlError(line: line, "LIMIT needs a non-negative integer")
            }
            return [.limit(Int(count), line: line)]
        case "SORT":
            var keys: [EsqlSortKey] = []
            repeat {
                if !keys.isEmpty { _ = advance() }
                let expression = try expression()
                var descending = false
                if current.keyword == "ASC" { _ = advance() } else if current.keyword == "DESC" { descending = true; _ = advance() }
                var nullsFirst = descending
                if current.keyword == "NULLS" {
                    _ = advance()
                    switch advance().keyword {
                    case "FIRST": nullsFirst = true
                    case "LAST": nullsFirst = false
                    default: throw EsqlError(line: line, "expected NULLS FIRST or NULLS LAST")
                    }
                }
                keys.append(EsqlSortKey(expression: expression, descending: descending, nullsFirst: nullsFirst))
            } while current.isSymbol(",")
            return [.sort(keys, line: line)]
        case "MV_EXPAND":
            return [.mvExpand(try self.name(of: "column"), line: line)]
        case "COMPLETION":
            return [try completion(line: line)]
        default:
            throw EsqlError(
                line: line,
                "command \(keyword) is outside the supported ES|QL subset (ROW, FROM, WHERE, EVAL, STATS, INLINE STATS, DISSECT, GROK, KEEP, DROP, RENAME, LIMIT, SORT, MV_EXPAND, COMPLETION)"
            )
        }
    }

    /// `[INLINE] STATS [name =] agg, … [BY [name =] expr, …]`; grouping expressions other than a
    /// column are computed by an `EVAL` placed before the command.
    mutating func stats(line: Int, inline: Bool) throws(EsqlError) -> [EsqlCommand] {
        var aggregations: [EsqlAssignment] = []
        if current.keyword != "BY" { aggregations = try assignments(named: false) }
        if current.keyword == "WHERE" {
            throw EsqlError(line: current.line, "a per-aggregation WHERE in \(inline ? "INLINE STATS" : "STATS") is outside the supported ES|QL subset")
        }
        var groups: [String] = []
        var computed: [EsqlAssignment] = []
        if current.keyword == "BY" {
            _ = advance()
            for group in try assignments(named: false) {
                if case .column(let name, _) = group.expression, name == group.name {
                    groups.append(name)
                } else {
                    computed.append(group)
                    groups.append(group.name)
                }
            }
        }
        guard !aggregations.isEmpty || !groups.isEmpty else { throw EsqlError(line: line, "STATS needs an aggregation or BY") }
        // Of aggregations sharing a name the rightmost is kept, and a grouping column of that name wins, as ES|QL documents.
        var seen = Set(groups)
        aggregations = aggregations.reversed().filter { seen.insert($0.name).inserted }.reversed()
        let command: EsqlCommand = inline ? .inlineStats(aggregations, by: groups, line: line) : .stats(aggregations, by: groups, line: line)
        return (computed.isEmpty ? [] : [.eval(computed, line: line)]) + [command]
    }

    /// `COMPLETION [target =] prompt WITH { "inference_id": "…" }`.
    mutating func completion(line: Int) throws(EsqlError) -> EsqlCommand {
        var target = "completion"
        if next.isSymbol("=") {
            target = try name(of: "COMPLETION target column")
            _ = advance()
        }
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

    /// `[name =] expression, …`; `named` requires the name (as `ROW` does), otherwise an unnamed
    /// expression is named by its source text.
    mutating func assignments(named: Bool) throws(EsqlError) -> [EsqlAssignment] {
        var result: [EsqlAssignment] = []
        repeat {
            if !result.isEmpty { _ = advance() }
            let line = current.line
            let first = position
            if next.isSymbol("=") {
                let name = try self.name(of: "column")
                _ = advance()
                result.append(EsqlAssignment(name: name, expression: try expression()))
            } else {
                if named { throw EsqlError(line: line, "expected `name = expression`") }
                let expression = try expression()
                result.append(EsqlAssignment(name: text(from: first), expression: expression))
            }
        } while current.isSymbol(",")
        return result
    }

    /// The token after the current one.
    var next: EsqlToken { tokens[min(position + 1, tokens.count - 1)] }

    /// A column or index name (unquoted or back-quoted).
    mutating func name(of what: String) throws(EsqlError) -> String {
        let token = advance()
        switch token.kind {
        case .word(let word): return word
        case .quotedName(let name): return name
        default: throw EsqlError(line: token.line, "expected a \(what), found \(token.display)")
        }
    }

    /// A `KEEP`/`DROP` name or pattern (`*` alone included).
    mutating func pattern() throws(EsqlError) -> String {
        if current.isSymbol("*") { _ = advance(); return "*" }
        return try name(of: "column")
    }

    mutating func expect(_ symbol: String) throws(EsqlError) {
        guard current.isSymbol(symbol) else { throw EsqlError(line: current.line, "expected \(symbol), found \(current.display)") }
        _ = advance()
    }

    mutating func expectEnd() throws(EsqlError) {
        guard current.kind == .end else { throw EsqlError(line: current.line, "unexpected \(current.display)") }
    }
}
