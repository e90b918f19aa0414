/// Python's `repr(float)`: the shortest digits that round-trip, in fixed notation when the decimal
/// point falls within 16 digits (`1e16` → `1e+16`, `1e15` → `1000000000000000.0`, `0.0001`, `1e-05`),
/// else `d.ddde±XX` with at least two exponent digits.
enum PythonFloat {
    static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let (negative, digits, pointPosition) = shortestDigits(value)
        let sign = negative ? "-" : ""
        let count = digits.count
        if pointPosition > -4, pointPosition <= 16 {
            if pointPosition <= 0 { return sign + "0." + String(repeating: "0", count: -pointPosition) + digits }
            if pointPosition >= count { return sign + digits + String(repeating: "0", count: pointPosition - count) + ".0" }
            let split = digits.index(digits.startIndex, offsetBy: pointPosition)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let exponent = pointPosition - 1
        let mantissa = count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        let magnitude = String(abs(exponent))
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" + magnitude : magnitude)
    }

    /// The shortest round-trip decimal digits of a finite value (Swift's `description` computes them,
    /// as CPython's `repr` does, with the closest candidate on ties) and where the decimal point goes:
    /// value = 0.d₁d₂… × 10^pointPosition. Zero is `("0", 1)`.
    static func shortestDigits(_ value: Double) -> (negative: Bool, digits: String, pointPosition: Int) {
        var text = Substring(value.description)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        let point = text.firstIndex(of: ".")
        let integerPart = point.map { text[..<$0] } ?? text
        let fractionPart = point.map { text[text.index(after: $0)...] } ?? ""
        var digits = Substring(integerPart + fractionPart)
        var position = integerPart.count + exponent
        while digits.first == "0", digits.count > 1 {
            digits = digits.dropFirst()
            position -= 1
        }
        while digits.last == "0", digits.count > 1 { digits = digits.dropLast() }
        if digits == "0" { return (negative, "0", 1) }
        return (negative, String(digits), position)
    }
}
