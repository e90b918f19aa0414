/// Parses the text of a `{{#python}}…{{/python}}` section into a ``PythonExpression``.
struct PythonExpressionParser {
    enum Token: Equatable {
        case name(String)
        case int(String)
        case float(Double)
        case string(String)
        case punct(Character)
        case end
    }

    private var tokens: [(token: Token, line: Int)] = []
    private var position = 0

    /// The whole text must be one expression.
    static func parse(_ text: String) throws(PythonExpressionError) -> PythonExpression {
        var parser = PythonExpressionParser()
        parser.tokens = try tokenize(text)
        let expression = try parser.expression()
        guard parser.current == .end else { throw parser.error("unexpected \(parser.describe(parser.current)) after the expression") }
        return expression
    }

    private var current: Token { tokens[position].token }

    private func error(_ message: String) -> PythonExpressionError {
        PythonExpressionError(message: message, line: tokens[min(position, tokens.count - 1)].line)
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .name(let name): "name '\(name)'"
        case .int(let digits): "number \(digits)"
        case .float(let value): "number \(value)"
        case .string: "a string"
        case .punct(let character): "'\(character)'"
        case .end: "the end"
        }
    }

    private mutating func accept(_ character: Character) -> Bool {
        guard current == .punct(character) else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ character: Character) throws(PythonExpressionError) {
        guard accept(character) else { throw error("expected '\(character)', found \(describe(current))") }
    }

    private mutating func expression() throws(PythonExpressionError) -> PythonExpression {
        var value = try primary()
        while true {
            if accept(".") {
                guard case .name(let method) = current else { throw error("expected a method name after '.'") }
                position += 1
                guard method == "get" else { throw error("method .\(method)() is not supported (only .get)") }
                let (arguments, keywords) = try callArguments()
                guard keywords.isEmpty, (1...2).contains(arguments.count) else { throw error(".get takes a key and an optional default") }
                value = .get(value, key: arguments[0], default: arguments.count == 2 ? arguments[1] : nil)
            } else if accept("[") {
                var start: PythonExpression?
                if current != .punct(":") { start = try expression() }
                if accept(":") {
                    var stop: PythonExpression?
                    if current != .punct("]") { stop = try expression() }
                    if current == .punct(":") { throw error("slices with a step are not supported") }
                    value = .slice(value, start: start, stop: stop)
                } else if let start {
                    value = .index(value, start)
                } else {
                    throw error("expected an index or a slice")
                }
                try expect("]")
            } else {
                return value
            }
        }
    }

    private mutating func primary() throws(PythonExpressionError) -> PythonExpression {
        let token = current
        position += 1
        switch token {
        case .int(let digits): return .literal(.int(digits))
        case .float(let value): return .literal(.float(value))
        case .string(let text):
            var joined = text
            // Adjacent literals concatenate, as in Python.
            while case .string(let more) = current {
                joined += more
                position += 1
            }
            return .literal(.str(joined))
        case .punct("-"):
            switch current {
            case .int(let digits):
                position += 1
                return .literal(.int(digits == "0" ? "0" : "-" + digits))
            case .float(let value):
                position += 1
                return .literal(.float(-value))
            default: throw error("'-' is supported only before a number")
            }
        case .punct("("):
            let inner = try expression()
            try expect(")")
            return inner
        case .punct("["):
            var items: [PythonExpression] = []
            while !accept("]") {
                items.append(try expression())
                if !accept(",") {
                    try expect("]")
                    break
                }
            }
            return .list(items)
        case .punct("{"):
            var members: [(key: PythonExpression, value: PythonExpression)] = []
            while !accept("}") {
                let key = try expression()
                try expect(":")
                members.append((key, try expression()))
                if !accept(",") {
                    try expect("}")
                    break
                }
            }
            return .dict(members)
        case .name("None"): return .literal(.none)
        case .name("True"): return .literal(.bool(true))
        case .name("False"): return .literal(.bool(false))
        case .name("json"):
            guard accept("."), current == .name("dumps") else { throw error("only json.dumps is supported from the json module") }
            position += 1
            return try dumps()
        case .name("len"), .name("str"):
            let (arguments, keywords) = try callArguments()
            guard arguments.count == 1, keywords.isEmpty else { throw error("\(describe(token)) takes one argument") }
            return token == .name("len") ? .length(arguments[0]) : .string(arguments[0])
        case .name(let name):
            if current == .punct("(") { throw error("function \(name)() is not supported (json.dumps, len and str are)") }
            return .name(name)
        default:
            position -= 1
            throw error("unexpected \(describe(token))")
        }
    }

    /// `json.dumps(value, indent=…, separators=(…, …), ensure_ascii=…, sort_keys=…, default=str)`; options are literals.
    private mutating func dumps() throws(PythonExpressionError) -> PythonExpression {
        try expect("(")
        let value = try expression()
        var options = PythonJSONDumps()
        var seen: Set<String> = []
        while accept(",") {
            if accept(")") { return .dumps(value, options) }
            guard case .name(let keyword) = current else { throw error("json.dumps takes one positional argument; options are keywords") }
            position += 1
            try expect("=")
            guard seen.insert(keyword).inserted else { throw error("keyword argument repeated: \(keyword)") }
            switch keyword {
            case "indent":
                switch current {
                case .int(let digits):
                    guard let count = Int(digits), count <= 64 else { throw error("indent is too large") }
                    options.indent = String(repeating: " ", count: count)
                case .string(let text): options.indent = text
                case .name("None"): options.indent = nil
                default: throw error("indent must be a number, a string or None")
                }
                position += 1
            case "ensure_ascii", "sort_keys":
                guard case .name(let word) = current, word == "True" || word == "False" else { throw error("\(keyword) must be True or False") }
                position += 1
                if keyword == "ensure_ascii" { options.ensureASCII = word == "True" } else { options.sortKeys = word == "True" }
            case "default":
                guard current == .name("str") else { throw error("only default=str is supported") }
                position += 1
            case "separators":
                try expect("(")
                guard case .string(let item) = current else { throw error("separators must be two strings") }
                position += 1
                try expect(",")
                guard case .string(let key) = current else { throw error("separators must be two strings") }
                position += 1
                try expect(")")
                options.separators = (item, key)
            default:
                throw error("json.dumps option \(keyword) is not supported (indent, separators, ensure_ascii, sort_keys, default=str are)")
            }
        }
        try expect(")")
        return .dumps(value, options)
    }

    private mutating func callArguments() throws(PythonExpressionError) -> ([PythonExpression], [(String, PythonExpression)]) {
        try expect("(")
        var arguments: [PythonExpression] = []
        var keywords: [(String, PythonExpression)] = []
        while !accept(")") {
            if case .name(let keyword) = current, tokens[position + 1].token == .punct("=") {
                position += 2
                keywords.append((keyword, try expression()))
            } else {
                arguments.append(try expression())
            }
            if !accept(",") {
                try expect(")")
                break
            }
        }
        return (arguments, keywords)
    }

    // MARK: tokens

    static func tokenize(_ text: String) throws(PythonExpressionError) -> [(token: Token, line: Int)] {
        var tokens: [(token: Token, line: Int)] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        func fail(_ message: String) -> PythonExpressionError { PythonExpressionError(message: message, line: line) }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                line += 1
                index += 1
            } else if scalar == " " || scalar == "\t" || scalar == "\r" {
                index += 1
            } else if scalar == "_" || scalar.properties.isAlphabetic && scalar.isASCII {
                var name = ""
                while index < scalars.count, scalars[index] == "_" || scalars[index].isASCII && (scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index])) {
                    name.unicodeScalars.append(scalars[index])
                    index += 1
                }
                tokens.append((.name(name), line))
            } else if ("0"..."9").contains(scalar) {
                var number = ""
                var isFloat = false
                while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." || scalars[index] == "e" || scalars[index] == "E"
                    || ((scalars[index] == "+" || scalars[index] == "-") && (number.last == "e" || number.last == "E")) {
                    if !("0"..."9").contains(scalars[index]) { isFloat = true }
                    number.unicodeScalars.append(scalars[index])
                    index += 1
                }
                if isFloat {
                    guard let value = Double(number) else { throw fail("bad number \(number)") }
                    tokens.append((.float(value), line))
                } else {
                    guard number == "0" || number.first != "0" else { throw fail("leading zeros in a number: \(number)") }
                    tokens.append((.int(number), line))
                }
            } else if scalar == "'" || scalar == "\"" {
                let quote = scalar
                var value = ""
                index += 1
                while true {
                    guard index < scalars.count, scalars[index] != "\n" else { throw fail("unterminated string") }
                    let character = scalars[index]
                    index += 1
                    if character == quote { break }
                    guard character == "\\" else {
                        value.unicodeScalars.append(character)
                        continue
                    }
                    guard index < scalars.count else { throw fail("unterminated string") }
                    let escaped = scalars[index]
                    index += 1
                    switch escaped {
                    case "n": value += "\n"
                    case "t": value += "\t"
                    case "r": value += "\r"
                    case "\\", "'", "\"": value.unicodeScalars.append(escaped)
                    case "x", "u", "U":
                        let width = escaped == "x" ? 2 : escaped == "u" ? 4 : 8
                        guard index + width <= scalars.count,
                              let code = UInt32(String(String.UnicodeScalarView(scalars[index..<(index + width)])), radix: 16),
                              let decoded = Unicode.Scalar(code)
                        else { throw fail("bad \\\(escaped) escape") }
                        value.unicodeScalars.append(decoded)
                        index += width
                    default: throw fail("unsupported escape \\\(escaped)")
                    }
                }
                tokens.append((.string(value), line))
            } else if "()[]{},:.=-".unicodeScalars.contains(scalar) {
                tokens.append((.punct(Character(scalar)), line))
                index += 1
            } else {
                throw fail("unexpected character '\(scalar)'")
            }
        }
        tokens.append((.end, line))
        return tokens
    }
}
