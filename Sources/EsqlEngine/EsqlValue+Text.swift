internal import Foundation

extension EsqlValue {
    /// `TO_STRING` of a single value: doubles as Java prints them (`99.0`, `1.0E7`), datetimes as
    /// ISO-8601 with milliseconds (`2026-01-05T10:00:00.000Z`). Nil for null and multi-values.
    public var singleText: String? {
        switch self {
        case .null, .multi: nil
        case .boolean(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .double(let value): Self.javaDouble(value)
        case .string(let value): value
        case .datetime(let millis): Self.isoDate(millis)
        case .timeSpan(let span): span.description
        }
    }

    /// Java's `Double.toString`: decimal in [1e-3, 1e7) with at least one fraction digit, else `d.dddE±n`.
    public static func javaDouble(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3, magnitude < 1e7 {
            let text = "\(value)"
            return text.contains(".") ? text : text + ".0"
        }
        // Swift's shortest round-trip digits, laid out in Java's scientific form.
        let parts = "\(magnitude)".lowercased().split(separator: "e")
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(mantissa[0])
        let all = integer + (mantissa.count > 1 ? String(mantissa[1]) : "")
        let leadingZeros = all.prefix { $0 == "0" }.count
        var digits = String(all.dropFirst(leadingZeros))
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.isEmpty { digits = "0" }
        let decimalExponent = integer.count - 1 - leadingZeros + exponent
        let fraction = digits.dropFirst()
        return (value < 0 ? "-" : "") + String(digits.prefix(1)) + "." + (fraction.isEmpty ? "0" : String(fraction)) + "E\(decimalExponent)"
    }

    /// `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC.
    static func isoDate(_ millis: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone.current
        let seconds = millis.floorDivided(by: 1000)
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let fraction = millis - seconds * 1000
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0,
            Int(fraction)
        )
    }

    /// Parses an ISO-8601 timestamp (`2026-01-05T10:00:00Z`, optional fraction) to epoch milliseconds.
    public static func parseDate(_ text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        // A date alone (`1963-01-01`) is midnight UTC, as ES|QL casts it.
        formatter.formatOptions = [.withFullDate]
        if text.count == 10, let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        return nil
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
