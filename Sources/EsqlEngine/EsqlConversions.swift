/// The `TO_…` conversion functions on one value: nil where ES|QL yields null (with a warning).
enum EsqlConversions {
    static func convert(_ value: EsqlValue, to function: String) -> EsqlValue? {
        switch function {
        case "TO_DOUBLE": toDouble(value)
        case "TO_INTEGER": toLong(value, range: Int64(Int32.min)...Int64(Int32.max))
        case "TO_LONG": toLong(value, range: Int64.min...Int64.max)
        case "TO_BOOLEAN": toBoolean(value)
        case "TO_DATETIME": toDatetime(value)
        default: toIP(value)
        }
    }

    /// `TO_DOUBLE`: a string by Java's `Double.parseDouble` (``EsqlDouble``).
    static func toDouble(_ value: EsqlValue) -> EsqlValue? {
        switch value {
        case .double: value
        case .integer(let number): .double(Double(number))
        case .boolean(let flag): .double(flag ? 1 : 0)
        case .datetime(let millis): .double(Double(millis))
        case .string(let text): EsqlDouble.parse(text).map(EsqlValue.double)
        default: nil
        }
    }

    /// `TO_INTEGER`/`TO_LONG`: a double is rounded (Java `Math.round`); out of range is null.
    static func toLong(_ value: EsqlValue, range: ClosedRange<Int64>) -> EsqlValue? {
        func rounded(_ number: Double) -> EsqlValue? {
            guard number.isFinite, number >= -9.223372036854776e18, number < 9.223372036854776e18 else { return nil }
            let whole = Int64((number + 0.5).rounded(.down))
            return range.contains(whole) ? .integer(whole) : nil
        }
        switch value {
        case .integer(let number): return range.contains(number) ? value : nil
        case .double(let number): return rounded(number)
        case .boolean(let flag): return .integer(flag ? 1 : 0)
        case .datetime(let millis): return range.contains(millis) ? .integer(millis) : nil
        case .string(let text):
            if let number = Int64(text) { return range.contains(number) ? .integer(number) : nil }
            return EsqlDouble.parse(text).flatMap(rounded)
        default: return nil
        }
    }

    /// `TO_BOOLEAN`: a string is true when it is `true` in any case; a number when it is not zero.
    static func toBoolean(_ value: EsqlValue) -> EsqlValue? {
        switch value {
        case .boolean: value
        case .string(let text): .boolean(text.lowercased() == "true")
        case .integer(let number): .boolean(number != 0)
        case .double(let number): .boolean(number != 0)
        default: nil
        }
    }

    /// `TO_DATETIME`: a string as ISO-8601, a number as epoch milliseconds.
    static func toDatetime(_ value: EsqlValue) -> EsqlValue? {
        switch value {
        case .datetime: value
        case .string(let text): EsqlValue.parseDate(text).map(EsqlValue.datetime)
        case .integer(let number): .datetime(number)
        case .double(let number): number.isFinite && abs(number) < 9.2e18 ? .datetime(Int64(number)) : nil
        default: nil
        }
    }

    /// `TO_IP`: IPs are held as their text; a string that is not an IPv4 or IPv6 address is null.
    static func toIP(_ value: EsqlValue) -> EsqlValue? {
        guard case .string(let text) = value else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isIPv4 = parts.count == 4 && parts.allSatisfy { part in UInt8(part) != nil && (part.count == 1 || !part.hasPrefix("0")) }
        let isIPv6 = text.contains(":") && text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        return isIPv4 || isIPv6 ? value : nil
    }
}
