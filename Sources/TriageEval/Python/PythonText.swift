/// Python's `str()` and `repr()` of a value: what an f-string hole (`{value}`) writes.
enum PythonText {
    /// `str(value)`: a string as is, everything else as `repr`.
    static func str(_ value: PythonValue) -> String {
        if case .str(let text) = value { return text }
        return repr(value)
    }

    /// `repr(value)`: `None`, `True`, ints, float `repr` (`nan`, `inf`), quoted strings, `[…]`, `{'k': v}`.
    static func repr(_ value: PythonValue) -> String {
        switch value {
        case .none: "None"
        case .bool(let flag): flag ? "True" : "False"
        case .int(let digits): digits
        case .float(let number): PythonFloat.repr(number)
        case .str(let text): quote(text)
        case .list(let items): "[" + items.map(repr).joined(separator: ", ") + "]"
        case .dict(let dict): "{" + dict.items.map { quote($0.key) + ": " + repr($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// `unicode_repr`: single quotes unless the text has `'` and no `"`; non-printable characters escaped.
    static func quote(_ text: String) -> String {
        let quote: Unicode.Scalar = text.unicodeScalars.contains("'") && !text.unicodeScalars.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case quote, "\\": out += "\\" + String(scalar)
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F {
                    out += "\\x" + hex(value, width: 2)
                } else if value < 0x7F || isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if value <= 0xFF {
                    out += "\\x" + hex(value, width: 2)
                } else if value <= 0xFFFF {
                    out += "\\u" + hex(value, width: 4)
                } else {
                    out += "\\U" + hex(value, width: 8)
                }
            }
        }
        out.unicodeScalars.append(quote)
        return out
    }

    /// `str.isprintable` for one character: not a control, format, surrogate, private-use, unassigned
    /// or separator character (the space excepted). Swift's Unicode tables may be newer than Python's.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator: return false
        default: return true
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
