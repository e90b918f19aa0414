/// ES|QL `TO_DOUBLE` of a string: Java `Double.parseDouble`, then NaN and ±Infinity rejected.
public enum EsqlDouble {
    /// The double ES|QL makes of `text`, or nil where it yields null (with a warning).
    ///
    /// Accepted, as Java does: characters ≤ U+0020 trimmed at both ends; an optional sign;
    /// ASCII decimal digits with an optional `.` (`.9`, `1.`), at least one digit; an optional
    /// exponent `e`/`E`, sign, digits; hexadecimal `0x…p…` with a required binary exponent;
    /// one optional `f`/`F`/`d`/`D` suffix (ignored). Rejected: anything else (`85%`, `0,9`, `""`,
    /// `0.9.1`, full-width digits), `NaN`, `Infinity`, and values that overflow (`1e400`).
    public static func parse(_ text: String) -> Double? {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first <= 0x20 { bytes.removeFirst() }
        while let last = bytes.last, last <= 0x20 { bytes.removeLast() }
        guard !bytes.isEmpty else { return nil }

        var sign = ""
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            if first == UInt8(ascii: "-") { sign = "-" }
            bytes.removeFirst()
        }
        if let last = bytes.last, "fFdD".utf8.contains(last) { bytes.removeLast() }

        let literal: String?
        if bytes.count > 2, bytes.first == UInt8(ascii: "0"), bytes.dropFirst().first.map({ $0 | 0x20 }) == UInt8(ascii: "x") {
            literal = hexLiteral(bytes.dropFirst(2))
        } else {
            literal = decimalLiteral(bytes)
        }
        guard let literal, let value = Double(sign + literal), value.isFinite else { return nil }
        return value
    }

    /// `digits [. digits] [(e|E) [sign] digits]` with at least one mantissa digit.
    private static func decimalLiteral(_ bytes: ArraySlice<UInt8>) -> String? {
        var rest = bytes
        let integer = rest.prefix(while: isDigit)
        rest = rest.dropFirst(integer.count)
        var fraction: ArraySlice<UInt8> = []
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit)
            rest = rest.dropFirst(fraction.count)
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return nil }
        var exponent = ""
        if let marker = rest.first, marker | 0x20 == UInt8(ascii: "e") {
            rest = rest.dropFirst()
            guard let exponentText = signedDigits(&rest) else { return nil }
            exponent = "e" + exponentText
        }
        guard rest.isEmpty else { return nil }
        return digitString(integer, default: "0") + "." + digitString(fraction, default: "0") + exponent
    }

    /// `hexdigits [. hexdigits] (p|P) [sign] digits` with at least one hex digit (after `0x`).
    private static func hexLiteral(_ bytes: ArraySlice<UInt8>) -> String? {
        var rest = bytes
        let integer = rest.prefix(while: isHexDigit)
        rest = rest.dropFirst(integer.count)
        var fraction: ArraySlice<UInt8> = []
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isHexDigit)
            rest = rest.dropFirst(fraction.count)
        }
        guard !integer.isEmpty || !fraction.isEmpty,
              let marker = rest.first, marker | 0x20 == UInt8(ascii: "p")
        else { return nil }
        rest = rest.dropFirst()
        guard let exponent = signedDigits(&rest), rest.isEmpty else { return nil }
        return "0x" + digitString(integer, default: "0") + "." + digitString(fraction, default: "0") + "p" + exponent
    }

    /// An optional sign and at least one decimal digit, consumed from `rest`.
    private static func signedDigits(_ rest: inout ArraySlice<UInt8>) -> String? {
        var sign = ""
        if let first = rest.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = String(UnicodeScalar(first))
            rest = rest.dropFirst()
        }
        let digits = rest.prefix(while: isDigit)
        guard !digits.isEmpty else { return nil }
        rest = rest.dropFirst(digits.count)
        return sign + digitString(digits, default: "0")
    }

    private static func digitString(_ digits: ArraySlice<UInt8>, default fallback: String) -> String {
        digits.isEmpty ? fallback : String(decoding: digits, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
