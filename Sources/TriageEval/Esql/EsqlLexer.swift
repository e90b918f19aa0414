/// Splits an ES|QL query into tokens: `//` and `/* */` comments are skipped, `"…"` strings take the
/// escapes `\t \n \r \" \\`, `"""…"""` strings are raw, names may hold dots, `@` and `*` wildcards.
enum EsqlLexer {
    static func tokenize(_ query: String) throws(EsqlError) -> [EsqlToken] {
        let chars = Array(query.unicodeScalars)
        var tokens: [EsqlToken] = []
        var i = 0
        var line = 1

        func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < chars.count ? chars[i + offset] : nil }

        // After `FROM` (and after each `,` of its list) comes an index pattern such as `.alerts-security.*`.
        var expectingIndex = false
        while i < chars.count {
            let c = chars[i]
            if c == "\n" { line += 1; i += 1; continue }
            if c.properties.isWhitespace { i += 1; continue }
            if expectingIndex, c != "/", c != "|", c != "," {
                var index = String.UnicodeScalarView()
                while let ch = peek(), !ch.properties.isWhitespace, ch != ",", ch != "|" { index.append(ch); i += 1 }
                tokens.append(EsqlToken(kind: .word(String(index)), line: line))
                expectingIndex = false
                continue
            }
            if c == ",", tokens.last?.kind != .symbol(","), isIndexList(tokens) { expectingIndex = true }
            if c == "/", peek(1) == "/" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/", peek(1) == "*" {
                let start = line
                i += 2
                while i < chars.count, !(chars[i] == "*" && peek(1) == "/") {
                    if chars[i] == "\n" { line += 1 }
                    i += 1
                }
                guard i < chars.count else { throw EsqlError(line: start, "unterminated /* comment") }
                i += 2
                continue
            }
            let startLine = line
            if c == "\"" {
                if peek(1) == "\"", peek(2) == "\"" {
                    i += 3
                    var text = String.UnicodeScalarView()
                    while i < chars.count, !(chars[i] == "\"" && peek(1) == "\"" && peek(2) == "\"") {
                        if chars[i] == "\n" { line += 1 }
                        text.append(chars[i])
                        i += 1
                    }
                    guard i < chars.count else { throw EsqlError(line: startLine, "unterminated \"\"\" string") }
                    i += 3
                    // """a"""" — extra closing quotes belong to the string, as in ES|QL's grammar.
                    while peek() == "\"" { text.append("\""); i += 1 }
                    tokens.append(EsqlToken(kind: .string(String(text)), line: startLine))
                    continue
                }
                i += 1
                var text = String.UnicodeScalarView()
                while true {
                    guard let ch = peek(), ch != "\n" else { throw EsqlError(line: startLine, "unterminated string") }
                    i += 1
                    if ch == "\"" { break }
                    if ch == "\\" {
                        guard let escaped = peek() else { throw EsqlError(line: startLine, "unterminated string") }
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
                tokens.append(EsqlToken(kind: .string(String(text)), line: startLine))
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
                tokens.append(EsqlToken(kind: .quotedName(String(name)), line: startLine))
                continue
            }
            if isDigit(c) || (c == "." && peek(1).map(isDigit) == true) {
                tokens.append(EsqlToken(kind: try number(chars, &i, line: startLine), line: startLine))
                continue
            }
            if isNameStart(c) {
                var word = String.UnicodeScalarView()
                while let ch = peek(), isNamePart(ch) { word.append(ch); i += 1 }
                let isCommandPosition = tokens.isEmpty || tokens.last?.isSymbol("|") == true
                tokens.append(EsqlToken(kind: .word(String(word)), line: startLine))
                if isCommandPosition, String(word).uppercased() == "FROM" { expectingIndex = true }
                continue
            }
            let two = peek(1).map { String(c) + String($0) } ?? ""
            if ["==", "!=", "<=", ">=", "=~"].contains(two) {
                tokens.append(EsqlToken(kind: .symbol(two), line: startLine))
                i += 2
                continue
            }
            if "|,(){}[]:=<>*-".unicodeScalars.contains(c) {
                tokens.append(EsqlToken(kind: .symbol(String(c)), line: startLine))
                i += 1
                continue
            }
            throw EsqlError(line: startLine, "unexpected character '\(c)'")
        }
        tokens.append(EsqlToken(kind: .end, line: line))
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
        if i < chars.count, isNameStart(chars[i]) {
            throw EsqlError(line: line, "unsupported literal \(text)\(chars[i]) (time spans such as `5 minutes` are outside the supported subset)")
        }
        if isDecimal {
            guard let value = Double(text.hasPrefix(".") ? "0" + text : (text.hasSuffix(".") ? text + "0" : text)) else {
                throw EsqlError(line: line, "invalid number \(text)")
            }
            return .decimal(value)
        }
        guard let value = Int64(text) else { throw EsqlError(line: line, "integer \(text) is out of range") }
        return .integer(value)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    static func isNameStart(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == "@" }
    static func isNamePart(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || isDigit(c) || c == "." || c == "*" }
}
