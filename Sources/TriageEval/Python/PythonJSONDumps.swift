/// Python's `json.dumps`, byte for byte: separators `", "`/`": "` (`","` between items when indented),
/// `indent` (spaces or a string, a newline before every item and the closer, `[]`/`{}` when empty),
/// `ensure_ascii` (`\uXXXX` lowercase, surrogate pairs above U+FFFF, DEL escaped), ints as digits,
/// floats as `repr` with `NaN`/`Infinity`/`-Infinity`, `true`/`false`/`null`, key order kept or `sort_keys`.
/// `default=str` never applies: every ``PythonValue`` is serialisable.
public struct PythonJSONDumps: Sendable, Equatable {
    /// nil: one line; a string: repeated once per level (an int `n` is `n` spaces).
    public var indent: String?
    public var ensureASCII = true
    public var sortKeys = false
    /// `(item, key)` separators; nil: Python's default for the indent.
    public var separators: (item: String, key: String)?

    public init(indent: String? = nil, ensureASCII: Bool = true, sortKeys: Bool = false, separators: (item: String, key: String)? = nil) {
        self.indent = indent
        self.ensureASCII = ensureASCII
        self.sortKeys = sortKeys
        self.separators = separators
    }

    public static func == (lhs: PythonJSONDumps, rhs: PythonJSONDumps) -> Bool {
        lhs.indent == rhs.indent && lhs.ensureASCII == rhs.ensureASCII && lhs.sortKeys == rhs.sortKeys
            && lhs.separators?.item == rhs.separators?.item && lhs.separators?.key == rhs.separators?.key
    }

    /// The JSON text of `value`.
    public func callAsFunction(_ value: PythonValue) -> String {
        var out = ""
        write(value, level: 0, into: &out)
        return out
    }

    private var itemSeparator: String { separators?.item ?? (indent == nil ? ", " : ",") }
    private var keySeparator: String { separators?.key ?? ": " }

    private func write(_ value: PythonValue, level: Int, into out: inout String) {
        switch value {
        case .none: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let digits): out += digits
        case .float(let number): out += Self.float(number)
        case .str(let text): Self.quote(text, ensureASCII: ensureASCII, into: &out)
        case .list(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            let (separator, closing) = open(level: level, into: &out)
            for (index, item) in items.enumerated() {
                if index > 0 { out += separator }
                write(item, level: level + 1, into: &out)
            }
            out += closing + "]"
        case .dict(let dict):
            guard !dict.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            let (separator, closing) = open(level: level, into: &out)
            var items = dict.items
            if sortKeys { items.sort { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) { $0.value < $1.value } } }
            for (index, item) in items.enumerated() {
                if index > 0 { out += separator }
                Self.quote(item.key, ensureASCII: ensureASCII, into: &out)
                out += keySeparator
                write(item.value, level: level + 1, into: &out)
            }
            out += closing + "}"
        }
    }

    /// Writes the newline and indent after an opener; returns the item separator and the text before the closer.
    private func open(level: Int, into out: inout String) -> (separator: String, closing: String) {
        guard let indent else { return (itemSeparator, "") }
        let newline = "\n" + String(repeating: indent, count: level + 1)
        out += newline
        return (itemSeparator + newline, "\n" + String(repeating: indent, count: level))
    }

    /// `float.__repr__`, with JSON's spellings of the non-finite values (`allow_nan=True`).
    static func float(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return PythonFloat.repr(value)
    }

    /// `encode_basestring_ascii` / `encode_basestring`.
    static func quote(_ text: String, ensureASCII: Bool, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            default:
                let value = scalar.value
                if value < 0x20 || (ensureASCII && value >= 0x7F) {
                    if value > 0xFFFF {
                        let offset = value - 0x10000
                        out += hex4(0xD800 + (offset >> 10)) + hex4(0xDC00 + (offset & 0x3FF))
                    } else {
                        out += hex4(value)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
