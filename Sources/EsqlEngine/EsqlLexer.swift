/// Splits an ES|QL query into tokens as Elasticsearch's lexer does: `//` and `/* */` comments are
/// skipped, `"…"` strings take the escapes `\t \n \r \" \\`, `"""…"""` strings are raw, names may
/// hold dots, `@` and `*` wildcards. Neither string form may hold a raw line break: Elasticsearch's
/// grammar excludes `\r` and `\n` from both, so a literal broken across lines is a token recognition
/// error on the line where the literal starts.
enum EsqlLexer {
    static func tokenize(_ query: String) throws(EsqlError) -> [EsqlToken] {
        let chars = Array(query.unicodeScalars)
        var tokens: [EsqlToken] = []
        var i = 0
        var line = 1

        func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < chars.count ? chars[i + offset] : nil }
        func add(_ kind: EsqlToken.Kind, line: Int, from start: Int) {
            tokens.append(EsqlToken(kind: kind, line: line, start: start, end: i))
        }
        func broken(_ start: Int, _ startLine: Int) -> EsqlError {
            let text = String(String.UnicodeScalarView(chars[start..<min(i, chars.count)]))
            let shown = text.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…" : text
            return EsqlError(
                line: startLine,
                "token recognition error at: '\(shown)': a string literal cannot hold a line break (neither \"…\" nor \"\"\"…\"\"\"); join the line or write \\n"
            )
        }

        // After `FROM` (and after each `,` of its list) comes an index pattern such as `.alerts-security.*`.
        var expectingIndex = false
        while i < chars.count {
            let c = chars[i]
            if c == "\n" { line += 1; i += 1; continue }
            if c.properties.isWhitespace { i += 1; continue }
            let start = i
            if expectingIndex, c != "/", c != "|", c != ",", c != "\"" {
                var index = String.UnicodeScalarView()
                while let ch = peek(), !ch.properties.isWhitespace, ch != ",", ch != "|" { index.append(ch); i += 1 }
                add(.word(String(index)), line: line, from: start)
                expectingIndex = false
                continue
            }
            if c == ",", tokens.last?.kind != .symbol(","), isIndexList(tokens) { expectingIndex = true }
            if c == "/", peek(1) == "/" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/", peek(1) == "*" {
                let startLine = line
                i += 2
                while i < chars.count, !(chars[i] == "*" && peek(1) == "/") {
                    if chars[i] == "\n" { line += 1 }
                    i += 1
                }
                guard i < chars.count else { throw EsqlError(line: startLine, "unterminated /* comment") }
                i += 2
                continue
            }
            let startLine = line
            if c == "\"" {
                if peek(1) == "\"", peek(2) == "\"" {
                    i += 3
                    var text = String.UnicodeScalarView()
                    while i < chars.count, !(chars[i] == "\"" && peek(1) == "\"" && peek(2) == "\"") {
                        if chars[i] == "\n" || chars[i] == "\r" { throw broken(start, startLine) }
                        text.append(chars[i])
                        i += 1
                    }
                    guard i < chars.count else { throw EsqlError(line: startLine, "token recognition error: unterminated \"\"\" string") }
                    i += 3
                    // """a"""" — up to two extra closing quotes belong to the string, as in ES|QL's grammar.
                    var extra = 0
                    while peek() == "\"", extra < 2 { text.append("\""); i += 1; extra += 1 }
                    add(.string(String(text)), line: startLine, from: start)
                    continue
                }
                i += 1
                var text = String.UnicodeScalarView()
                while true {
                    guard let ch = peek() else { throw EsqlError(line: startLine, "token recognition error: unterminated string") }
                    if ch == "\n" || ch == "\r" { throw broken(start, startLine) }
                    i += 1
                    if ch == "\"" { break }
                    if ch == "\\" {
                        guard let escaped = peek() else { throw EsqlError(line: startLine, "token recognition error: unterminated string") }
                        i += 1
                        switch escaped {
                        case "t": text.append("\t")
                        case "n": text.append("\n")
                        case "r": text.append("\r")
                        case "\"": text.append("\"")
                        case "\\": text.append("\\")
                        default: throw EsqlError(line: startLine, "invalid escape \\\(escaped) in a string (ES|QL knows \\t \\n \\r \\\" \\\\)")
                        }
                        continue
                    }
                    text.append(ch)
                }
                add(.string(String(text)), line: startLine, from: start)
                continue
            }
            if c == "`" {
                i += 1
                var name = String.UnicodeScalarView()
                while true {
                    guard let ch = peek(), ch != "\n" else { throw EsqlError(line: startLine, "unterminated `quoted name`") }
                    i += 1
                    if ch == "`" {
                        if peek() == "`" { name.append("`"); i += 1; continue }
                        break
                    }
                    name.append(ch)
                }
                add(.quotedName(String(name)), line: startLine, from: start)
                continue
            }
            if isDigit(c) || (c == "." && peek(1).map(isDigit) == true) {
                let kind = try number(chars, &i, line: startLine)
                add(kind, line: startLine, from: start)
                continue
            }
            if isNameStart(c) {
                var word = String.UnicodeScalarView()
                while let ch = peek(), isNamePart(ch) { word.append(ch); i += 1 }
                let isCommandPosition = tokens.isEmpty || tokens.last?.isSymbol("|") == true
                add(.word(String(word)), line: startLine, from: start)
                if isCommandPosition, String(word).uppercased() == "FROM" { expectingIndex = true }
                continue
            }
            let two = peek(1).map { String(c) + String($0) } ?? ""
            if ["==", "!=", "<=", ">=", "=~", "::"].contains(two) {
                i += 2
                add(.symbol(two), line: startLine, from: start)
                continue
            }
            if "|,(){}[]:=<>*-+/%".unicodeScalars.contains(c) {
                i += 1
                add(.symbol(String(c)), line: startLine, from: start)
                continue
            }
            throw EsqlError(line: startLine, "token recognition error at: '\(c)'")
        }
        tokens.append(EsqlToken(kind: .end, line: line, start: chars.count, end: chars.count))
        return tokens
    }

    /// Whether the tokens end inside `FROM a, b` (before `METADATA` or the next command).
    private static func isIndexList(_ tokens: [EsqlToken]) -> Bool {
        guard let from = tokens.lastIndex(where: { $0.keyword == "FROM" }) else { return false }
        let rest = tokens[(from + 1)...]
        guard from == 0 || tokens[from - 1].isSymbol("|") else { return false }
        return !rest.contains { $0.isSymbol("|") || $0.keyword == "METADATA" }
    }

    private static func number(_ chars: [Unicode.Scalar], _ i: inout Int, line: Int) throws(EsqlError) -> EsqlToken.Kind {
        var text = ""
        var isDecimal = false
        while i < chars.count, isDigit(chars[i]) { text.unicodeScalars.append(chars[i]); i += 1 }
        if i < chars.count, chars[i] == ".", i + 1 >= chars.count || isDigit(chars[i + 1]) || !isNameStart(chars[i + 1]) {
            isDecimal = true
            text += "."
            i += 1
            while i < chars.count, isDigit(chars[i]) { text.unicodeScalars.append(chars[i]); i += 1 }
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            var j = i + 1
            if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
            if j < chars.count, isDigit(chars[j]) {
                isDecimal = true
                text += String(String.UnicodeScalarView(chars[i..<j]))
                i = j
                while i < chars.count, isDigit(chars[i]) { text.unicodeScalars.append(chars[i]); i += 1 }
            }
        }
        if isDecimal {
            guard let value = Double(text.hasPrefix(".") ? "0" + text : (text.hasSuffix(".") ? text + "0" : text)) else {
                throw EsqlError(line: line, "invalid number \(text)")
            }
            return .decimal(value)
        }
        // An integer literal too large for a long is a double in ES|QL.
        guard let value = Int64(text) else { return .decimal(Double(text) ?? .infinity) }
        return .integer(value)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    static func isNameStart(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == "@" }
    static func isNamePart(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || isDigit(c) || c == "." || c == "*" }
}
