/// Reads the string values of a detection rule's TOML file: `[table]` headers, `key = "…"`, `'…'`,
/// `"""…"""` and `'''…'''` values, with the line each value starts on (so an error in the `query`
/// names its line in the file). Arrays, numbers and inline tables are stepped over; only strings are read.
///
/// The rule files are plain TOML of a fixed shape; this reader covers what they use and reports
/// anything it cannot read as an ``InputError`` with its line.
enum RuleTomlReader {
    /// A string value and the 1-based line where its text starts.
    struct Value: Equatable {
        var text: String
        var line: Int
    }

    /// `table.key` → value, for every string-valued key (`[rule]` and `name` give `rule.name`).
    static func strings(_ text: String, file: String) throws(InputError) -> [String: Value] {
        let s = Array(text.unicodeScalars)
        var i = 0
        var line = 1
        var table = ""
        var result: [String: Value] = [:]

        func at(_ literal: String) -> Bool {
            let scalars = Array(literal.unicodeScalars)
            return i + scalars.count <= s.count && Array(s[i..<(i + scalars.count)]) == scalars
        }
        func skipLine() {
            while i < s.count, s[i] != "\n" { i += 1 }
        }
        func skipSpaces() { while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 } }

        while i < s.count {
            skipSpaces()
            guard i < s.count else { break }
            if s[i] == "\n" { line += 1; i += 1; continue }
            if s[i] == "#" || s[i] == "\r" { skipLine(); continue }
            if s[i] == "[" {
                let start = i
                skipLine()
                var header = String(String.UnicodeScalarView(s[start..<i])).trimming(" \t\r")
                if let comment = header.firstIndex(of: "#") { header = String(header[..<comment]).trimming(" \t") }
                header = header.trimming("[]")
                table = header
                continue
            }
            // key = value
            let keyStart = i
            while i < s.count, s[i] != "=", s[i] != "\n" { i += 1 }
            guard i < s.count, s[i] == "=" else { throw InputError(file: file, line: line, message: "expected `key = value`") }
            let key = String(String.UnicodeScalarView(s[keyStart..<i])).trimming(" \t\"")
            i += 1
            skipSpaces()
            let fullKey = table.isEmpty ? key : "\(table).\(key)"
            let valueLine = line
            if at("'''") || at("\"\"\"") {
                let literal = s[i] == "'"
                let delimiter = literal ? "'''" : "\"\"\""
                i += 3
                // A newline right after the opening delimiter is not part of the string.
                var startLine = line
                if i < s.count, s[i] == "\n" { i += 1; line += 1; startLine = line }
                var value = String.UnicodeScalarView()
                while i < s.count, !at(delimiter) {
                    if s[i] == "\n" { line += 1 }
                    if !literal, s[i] == "\\" {
                        i += 1
                        guard i < s.count else { break }
                        if s[i] == "\n" || s[i] == " " || s[i] == "\t" {
                            // Line-ending backslash: trim the whitespace and newlines that follow.
                            while i < s.count, s[i] == "\n" || s[i] == " " || s[i] == "\t" || s[i] == "\r" {
                                if s[i] == "\n" { line += 1 }
                                i += 1
                            }
                            continue
                        }
                        value.append(try escape(s[i], file: file, line: line))
                        i += 1
                        continue
                    }
                    value.append(s[i])
                    i += 1
                }
                guard i < s.count else { throw InputError(file: file, line: valueLine, field: fullKey, message: "unterminated \(delimiter) string") }
                i += 3
                result[fullKey] = Value(text: String(value), line: startLine)
                skipLine()
            } else if i < s.count, s[i] == "\"" || s[i] == "'" {
                let quote = s[i]
                i += 1
                var value = String.UnicodeScalarView()
                while i < s.count, s[i] != quote {
                    guard s[i] != "\n" else { throw InputError(file: file, line: line, field: fullKey, message: "unterminated string") }
                    if quote == "\"", s[i] == "\\" {
                        i += 1
                        guard i < s.count else { break }
                        value.append(try escape(s[i], file: file, line: line))
                    } else {
                        value.append(s[i])
                    }
                    i += 1
                }
                guard i < s.count else { throw InputError(file: file, line: line, field: fullKey, message: "unterminated string") }
                i += 1
                result[fullKey] = Value(text: String(value), line: valueLine)
                skipLine()
            } else if i < s.count, s[i] == "[" || s[i] == "{" {
                try skipCompound(s, &i, &line, file: file)
                skipLine()
            } else {
                skipLine()
            }
        }
        return result
    }

    /// Steps over an array or inline table, strings included, counting lines.
    static func skipCompound(_ s: [Unicode.Scalar], _ i: inout Int, _ line: inout Int, file: String) throws(InputError) {
        let startLine = line
        var depth = 0
        while i < s.count {
            let c = s[i]
            if c == "\n" { line += 1 }
            if c == "#" { while i < s.count, s[i] != "\n" { i += 1 }; continue }
            if c == "\"" || c == "'" {
                i += 1
                while i < s.count, s[i] != c {
                    if c == "\"", s[i] == "\\" { i += 1 }
                    if i < s.count, s[i] == "\n" { line += 1 }
                    i += 1
                }
            } else if c == "[" || c == "{" {
                depth += 1
            } else if c == "]" || c == "}" {
                depth -= 1
                if depth == 0 { i += 1; return }
            }
            i += 1
        }
        throw InputError(file: file, line: startLine, message: "unterminated array or inline table")
    }

    static func escape(_ c: Unicode.Scalar, file: String, line: Int) throws(InputError) -> Unicode.Scalar {
        switch c {
        case "n": "\n"
        case "t": "\t"
        case "r": "\r"
        case "\"": "\""
        case "\\": "\\"
        case "b": "\u{08}"
        case "f": "\u{0C}"
        default: throw InputError(file: file, line: line, message: "unsupported escape \\\(c) in a TOML string")
        }
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimming(_ set: String) -> String {
        let drop = Set(set)
        return String(self.drop { drop.contains($0) }.reversed().drop { drop.contains($0) }.reversed())
    }
}
