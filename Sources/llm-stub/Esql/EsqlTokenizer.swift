/// Splits an ES|QL query into tokens: names, `"…"` strings (escapes `\" \\ \n \r \t`), `"""…"""` raw
/// strings, backquoted names and the punctuation the supported query shapes use.
struct EsqlTokenizer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// All tokens, ending with ``EsqlToken/Kind/end``.
    static func tokenize(_ text: String) throws(EsqlQueryError) -> [EsqlToken] {
        var tokenizer = EsqlTokenizer(text)
        var tokens: [EsqlToken] = []
        while true {
            let token = try tokenizer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var column: Int { index - lineStart + 1 }

    private mutating func next() throws(EsqlQueryError) -> EsqlToken {
        skipWhitespace()
        let (startLine, startColumn) = (line, column)
        func token(_ kind: EsqlToken.Kind) -> EsqlToken { EsqlToken(kind: kind, line: startLine, column: startColumn) }
        guard index < scalars.count else { return token(.end) }
        let scalar = scalars[index]
        switch scalar {
        case "|", "=", "[", "]", ",", "{", "}", ":":
            index += 1
            return token(.symbol(Character(scalar)))
        case "\"":
            return token(.string(try stringLiteral()))
        case "`":
            return token(.identifier(try quotedIdentifier()))
        case _ where Self.isIdentifierStart(scalar):
            var name = String.UnicodeScalarView()
            while index < scalars.count, Self.isIdentifierPart(scalars[index]) {
                name.append(scalars[index])
                index += 1
            }
            return token(.identifier(String(name)))
        default:
            throw .parsing("token recognition error at: '\(Character(scalar))'", line: startLine, column: startColumn)
        }
    }

    private mutating func skipWhitespace() {
        while index < scalars.count {
            switch scalars[index] {
            case "\n":
                index += 1
                line += 1
                lineStart = index
            case " ", "\t", "\r":
                index += 1
            default:
                return
            }
        }
    }

    private func startsTripleQuote(at position: Int) -> Bool {
        position + 2 < scalars.count && scalars[position] == "\"" && scalars[position + 1] == "\"" && scalars[position + 2] == "\""
    }

    /// A `"…"` or `"""…"""` literal, the cursor on its opening quote.
    private mutating func stringLiteral() throws(EsqlQueryError) -> String {
        let (startLine, startColumn) = (line, column)
        var value = String.UnicodeScalarView()
        if startsTripleQuote(at: index) {
            index += 3
            while index < scalars.count {
                if startsTripleQuote(at: index) {
                    index += 3
                    // Quotes directly before the closing delimiter belong to the string.
                    while index < scalars.count, scalars[index] == "\"" {
                        value.append("\"")
                        index += 1
                    }
                    return String(value)
                }
                if scalars[index] == "\n" {
                    line += 1
                    lineStart = index + 1
                }
                value.append(scalars[index])
                index += 1
            }
            throw .parsing("unterminated triple-quoted string", line: startLine, column: startColumn)
        }
        index += 1
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\"":
                index += 1
                return String(value)
            case "\n", "\r":
                throw .parsing("newline in string literal; use \\n or a triple-quoted string", line: line, column: column)
            case "\\":
                guard index + 1 < scalars.count else {
                    throw .parsing("unterminated string literal", line: startLine, column: startColumn)
                }
                let escaped: Unicode.Scalar? = switch scalars[index + 1] {
                case "\"": "\""
                case "\\": "\\"
                case "n": "\n"
                case "r": "\r"
                case "t": "\t"
                default: nil
                }
                guard let escaped else {
                    throw .parsing("invalid escape sequence \\\(Character(scalars[index + 1]))", line: line, column: column)
                }
                value.append(escaped)
                index += 2
            default:
                value.append(scalar)
                index += 1
            }
        }
        throw .parsing("unterminated string literal", line: startLine, column: startColumn)
    }

    /// A `` `…` `` name (a doubled backquote is a literal one), the cursor on its opening backquote.
    private mutating func quotedIdentifier() throws(EsqlQueryError) -> String {
        let (startLine, startColumn) = (line, column)
        var name = String.UnicodeScalarView()
        index += 1
        while index < scalars.count {
            if scalars[index] == "`" {
                if index + 1 < scalars.count, scalars[index + 1] == "`" {
                    name.append("`")
                    index += 2
                    continue
                }
                index += 1
                return String(name)
            }
            name.append(scalars[index])
            index += 1
        }
        throw .parsing("unterminated quoted identifier", line: startLine, column: startColumn)
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "@" || (scalar.isASCII && scalar.properties.isAlphabetic)
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "." || (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
    }
}
