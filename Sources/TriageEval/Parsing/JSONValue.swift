/// A JSON value as read from a model answer or a document (RFC 8259), numbers kept as their source text
/// so that they convert exactly as `TO_DOUBLE` would, and so that Python's int/float split is kept
/// (``PythonValue/init(json:)``).
enum JSONValue: Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in source order; duplicates are kept.
    case object([(key: String, value: JSONValue)])

    /// Nesting deeper than this is rejected (answers are attacker-influenced).
    static let maxDepth = 128

    /// The value of `key`: the last exact match, else (when `ignoringCase`) the first case-insensitive one.
    func member(_ key: String, ignoringCase: Bool = false) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        if let exact = members.last(where: { $0.key == key }) { return exact.value }
        guard ignoringCase else { return nil }
        return members.first { $0.key.lowercased() == key.lowercased() }?.value
    }

    /// The value at a dotted path of members (`a.b` is `value["a"]["b"]`, each step as ``member(_:ignoringCase:)``).
    func member(path: String, ignoringCase: Bool = false) -> JSONValue? {
        var value: JSONValue? = self
        for key in path.split(separator: ".", omittingEmptySubsequences: false) {
            value = value?.member(String(key), ignoringCase: ignoringCase)
        }
        return value
    }

    /// The text of a scalar: a string's contents, a number's digits, `true`/`false`; nil otherwise.
    var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    /// Parses the whole of `text` (surrounding JSON whitespace allowed) as one value.
    /// With `python`, also what CPython's `json.loads` accepts beyond RFC 8259 — `NaN`, `Infinity` and
    /// `-Infinity` (as numbers with that text) — and what it refuses: ints of more than 4,300 digits.
    static func parseDocument(_ text: String, python: Bool = false) -> JSONValue? {
        var reader = JSONReader(bytes: Array(text.utf8), index: 0, python: python)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipWhitespace()
        return reader.index == reader.bytes.count ? value : nil
    }

    /// Opening braces tried by ``firstObject(in:where:)``, so that crafted text stays cheap.
    static let maxObjectStarts = 256

    /// The first object that starts at some `{` in `text` (prose, code fences, nesting) and satisfies `predicate`.
    static func firstObject(in text: String, where predicate: (JSONValue) -> Bool) -> JSONValue? {
        let bytes = Array(text.utf8)
        for start in bytes.indices.lazy.filter({ bytes[$0] == UInt8(ascii: "{") }).prefix(maxObjectStarts) {
            var reader = JSONReader(bytes: bytes, index: start)
            if let value = reader.value(depth: 0), predicate(value) { return value }
        }
        return nil
    }
}

/// A recursive-descent JSON reader over UTF-8 bytes.
private struct JSONReader {
    let bytes: [UInt8]
    var index: Int
    /// CPython's `json.loads` rules (see ``JSONValue/parseDocument(_:python:)``).
    var python = false

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value(depth: Int) -> JSONValue? {
        guard depth <= JSONValue.maxDepth else { return nil }
        skipWhitespace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "N") where python: return literal("NaN", .number("NaN"))
        case UInt8(ascii: "I") where python: return literal("Infinity", .number("Infinity"))
        case UInt8(ascii: "-") where python && bytes[(index + 1)...].starts(with: Array("Infinity".utf8)):
            return literal("-Infinity", .number("-Infinity"))
        default: return number()
        }
    }

    private mutating func object(depth: Int) -> JSONValue? {
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(members) }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")), let member = value(depth: depth + 1) else { return nil }
            members.append((key, member))
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}")) ? .object(members) : nil
    }

    private mutating func array(depth: Int) -> JSONValue? {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        repeat {
            guard let element = value(depth: depth + 1) else { return nil }
            elements.append(element)
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? .array(elements) : nil
    }

    private mutating func literal(_ word: String, _ result: JSONValue) -> JSONValue? {
        let expected = Array(word.utf8)
        guard bytes[index...].starts(with: expected) else { return nil }
        index += expected.count
        return result
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() -> JSONValue? {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            // no further integer digits
        } else if digits() == 0 {
            return nil
        }
        let integerEnd = index
        if consume(UInt8(ascii: ".")), digits() == 0 { return nil }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            if digits() == 0 { return nil }
        }
        // CPython's int() refuses more than 4,300 digits (ValueError, sys.int_info.default_max_str_digits).
        if python, index == integerEnd, integerEnd - start - (bytes[start] == UInt8(ascii: "-") ? 1 : 0) > 4300 { return nil }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    private mutating func string() -> String? {
        index += 1
        let start = index
        // Most strings hold no escape: their bytes are the string.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
        }
        // The text is a Swift string's UTF-8, so decoding escapes into the same bytes decodes as decoding each part did.
        var raw = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: raw, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = escape() else { return nil }
                UTF8.encode(escaped) { raw.append($0) }
            case 0..<0x20:
                return nil
            default:
                raw.append(byte)
            }
        }
        return nil
    }

    /// The character after a backslash; lone surrogates become U+FFFD.
    private mutating func escape() -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let unit = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(unit), bytes[index...].starts(with: Array("\\u".utf8)) {
                let save = index
                index += 2
                if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                    return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                }
                index = save
            }
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        default: return nil
        }
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            guard let digit = UInt32(String(UnicodeScalar(byte)), radix: 16) else { return nil }
            value = value * 16 + digit
        }
        index += 4
        return value
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }
}
