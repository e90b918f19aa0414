internal import Foundation

/// A `GROK` pattern compiled against Elasticsearch's built-in ECS v1 pattern library
/// (``GrokPatternLibrary``), the set ES|QL uses.
///
/// `%{NAME}` inserts the library pattern (recursively); `%{NAME:field}` and `%{NAME:field:type}` also
/// capture it (`int`, `long`, `float`, `double`, `boolean`; float and int widen to double and
/// integer as ES|QL does), as does a custom `(?<field>…)` group; captures inside library
/// definitions count too. Matching searches the input (unanchored unless the pattern anchors itself);
/// the columns come out sorted by name; no match gives nulls; a name captured twice collects a
/// multi-value; a multi-valued input is matched value by value.
public struct EsqlGrok: Sendable, Hashable {
    /// One output column.
    public struct Capture: Sendable, Hashable {
        public var name: String
        /// `keyword`, `integer`, `long`, `double` or `boolean`.
        public var type: String
        /// The regex group names (`g0`, `g1`, …) that fill it.
        var groups: [String]
    }

    public let pattern: String
    /// The output columns, sorted by name.
    public let captures: [Capture]
    /// The expanded regex, in ICU syntax with renamed groups.
    let regex: String

    public init(_ pattern: String, line: Int) throws(EsqlError) {
        self.pattern = pattern
        var expander = Expander(line: line)
        regex = Self.collapsingNestedRepeats(try expander.expand(pattern, stack: []))
        var byName: [String: Capture] = [:]
        for (group, field, type) in expander.groups {
            if var existing = byName[field] {
                existing.groups.append(group)
                byName[field] = existing
            } else {
                byName[field] = Capture(name: field, type: type, groups: [group])
            }
        }
        captures = byName.values.sorted { $0.name < $1.name }
        _ = try EsqlJavaRegex.compile(regex, line: line)
    }

    /// `(?:[class]+)+` as `[class]+`: the same matches, without the exponential backtracking ICU would
    /// do where Joni (Oniguruma) reduces the nested repeat itself (URIPROTO is `[A-Za-z]([A-Za-z0-9+\-.]+)+`).
    static func collapsingNestedRepeats(_ regex: String) -> String {
        regex.replacingOccurrences(of: #"\(\?:(\[(?:\\.|[^\]\\])*\])\+\)\+"#, with: "$1+", options: .regularExpression)
    }

    /// The captured values of one input string; nil when the pattern does not match.
    func match(_ text: String, with compiled: NSRegularExpression) -> [String: EsqlValue]? {
        let source = text as NSString
        guard let match = compiled.firstMatch(in: text, range: NSRange(location: 0, length: source.length)) else { return nil }
        var result: [String: EsqlValue] = [:]
        for capture in captures {
            var values: [EsqlValue] = []
            for group in capture.groups {
                let range = match.range(withName: group)
                guard range.location != NSNotFound else { continue }
                if let value = Self.typed(source.substring(with: range), capture.type) { values.append(value) }
            }
            result[capture.name] = .values(values)
        }
        return result
    }

    static func typed(_ text: String, _ type: String) -> EsqlValue? {
        switch type {
        case "integer": Int32(text).map { .integer(Int64($0)) }
        case "long": Int64(text).map(EsqlValue.integer)
        case "double": EsqlDouble.parse(text).map(EsqlValue.double)
        case "boolean": .boolean(text.lowercased() == "true")
        default: .string(text)
        }
    }

    /// Expands `%{…}` references and renames named groups.
    struct Expander {
        var line: Int
        var groups: [(group: String, field: String, type: String)] = []

        mutating func expand(_ text: String, stack: [String]) throws(EsqlError) -> String {
            let chars = Array(text.unicodeScalars)
            var out = String.UnicodeScalarView()
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if c == "\\", i + 1 < chars.count {
                    out.append(c)
                    out.append(chars[i + 1])
                    i += 2
                } else if c == "%", i + 1 < chars.count, chars[i + 1] == "{", let close = chars[(i + 2)...].firstIndex(of: "}") {
                    let reference = String(String.UnicodeScalarView(chars[(i + 2)..<close]))
                    out.append(contentsOf: try self.reference(reference, stack: stack).unicodeScalars)
                    i = close + 1
                } else if c == "(", i + 1 < chars.count, chars[i + 1] != "?" {
                    // Joni compiles grok with named groups only: a plain group does not capture.
                    out.append(contentsOf: "(?:".unicodeScalars)
                    i += 1
                } else if c == "[" {
                    // A character class is copied as is (a `(` inside it is a literal; so is a `]` right after `[` or `[^`).
                    var depth = 0
                    var opened = i
                    repeat {
                        let ch = chars[i]
                        if ch == "\\", i + 1 < chars.count {
                            out.append(ch)
                            i += 1
                        } else if ch == "[" {
                            depth += 1
                            opened = i
                        } else if ch == "]", i != opened + 1, !(i == opened + 2 && chars[opened + 1] == "^") {
                            depth -= 1
                        }
                        out.append(chars[i])
                        i += 1
                    } while i < chars.count && depth > 0
                } else if c == "(", i + 3 < chars.count, chars[i + 1] == "?", chars[i + 2] == "<", chars[i + 3] != "=", chars[i + 3] != "!",
                    let close = chars[(i + 3)...].firstIndex(of: ">")
                {
                    let field = String(String.UnicodeScalarView(chars[(i + 3)..<close]))
                    out.append(contentsOf: "(?<\(newGroup(field: field, type: "keyword"))>".unicodeScalars)
                    i = close + 1
                } else {
                    out.append(c)
                    i += 1
                }
            }
            return String(out)
        }

        mutating func reference(_ reference: String, stack: [String]) throws(EsqlError) -> String {
            var parts = reference.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            var definition: String?
            if let equals = parts[0].firstIndex(of: "=") {
                definition = String(parts[0][parts[0].index(after: equals)...])
                parts[0] = String(parts[0][..<equals])
            }
            let name = parts[0]
            guard let body = definition ?? GrokPatternLibrary.ecsV1[name] else {
                throw EsqlError(line: line, "GROK: unable to find pattern [\(name)] in Grok's pattern dictionary")
            }
            guard !stack.contains(name) else { throw EsqlError(line: line, "GROK: circular reference in pattern [\(name)]") }
            let expanded = try expand(body, stack: stack + [name])
            guard parts.count > 1 else { return "(?:\(expanded))" }
            var type = "keyword"
            if parts.count > 2 {
                switch parts[2] {
                case "int": type = "integer"
                case "long": type = "long"
                case "float", "double": type = "double"
                case "boolean": type = "boolean"
                case "string", "keyword": type = "keyword"
                default: throw EsqlError(line: line, "GROK: type [\(parts[2])] of %{\(reference)} is not int, long, float, double or boolean")
                }
            }
            return "(?<\(newGroup(field: Self.fieldName(parts[1]), type: type))>\(expanded))"
        }

        mutating func newGroup(field: String, type: String) -> String {
            let group = "g\(groups.count)"
            groups.append((group, field, type))
            return group
        }

        /// `[process][name]` → `process.name`.
        static func fieldName(_ name: String) -> String {
            guard name.hasPrefix("[") else { return name }
            return name.split(whereSeparator: { $0 == "[" || $0 == "]" }).joined(separator: ".")
        }
    }
}
