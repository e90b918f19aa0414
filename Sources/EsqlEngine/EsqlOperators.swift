/// Comparison and three-valued logic as ES|QL evaluates them: a comparison with null or with a
/// multi-value is null; `AND`/`OR`/`NOT` follow SQL's three-valued truth tables.
enum EsqlOperators {
    /// `left op right`.
    static func compare(_ op: EsqlComparison, _ left: EsqlValue, _ right: EsqlValue, line: Int) throws(EsqlError) -> EsqlValue {
        if left.isNull || right.isNull || left.isMulti || right.isMulti { return .null }
        if op == .equalIgnoringCase {
            guard case .string(let a) = left, case .string(let b) = right else {
                throw EsqlError(line: line, "=~ compares strings, got \(left.typeName) and \(right.typeName)")
            }
            return .boolean(a.lowercased() == b.lowercased())
        }
        let order = try order(left, right, line: line)
        let result: Bool
        switch op {
        case .equal, .equalIgnoringCase: result = order == 0
        case .notEqual: result = order != 0
        case .less: result = order < 0
        case .lessOrEqual: result = order <= 0
        case .greater: result = order > 0
        case .greaterOrEqual: result = order >= 0
        }
        return .boolean(result)
    }

    /// The order of two single values of comparable types: numbers numerically, strings by their
    /// UTF-8 bytes (as Elasticsearch compares keywords), datetimes in time (a string is read as ISO-8601).
    static func order(_ left: EsqlValue, _ right: EsqlValue, line: Int) throws(EsqlError) -> Int {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a > b ? 1 : 0) }
        switch (left, right) {
        case (.integer(let a), .integer(let b)): return sign(a, b)
        case (.integer(let a), .double(let b)): return sign(Double(a), b)
        case (.double(let a), .integer(let b)): return sign(a, Double(b))
        case (.double(let a), .double(let b)): return sign(a, b)
        case (.string(let a), .string(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : (a == b ? 0 : 1)
        case (.boolean(let a), .boolean(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.datetime(let a), .datetime(let b)): return sign(a, b)
        case (.datetime(let a), .string(let text)):
            guard let b = EsqlValue.parseDate(text) else { throw EsqlError(line: line, "\"\(text)\" is not a datetime") }
            return sign(a, b)
        case (.string, .datetime): return -(try order(right, left, line: line))
        default:
            throw EsqlError(line: line, "cannot compare \(left.typeName) with \(right.typeName)")
        }
    }

    /// A boolean operand: true, false or nil for null.
    static func truth(_ value: EsqlValue, _ what: String, line: Int) throws(EsqlError) -> Bool? {
        switch value {
        case .null: return nil
        case .boolean(let flag): return flag
        default: throw EsqlError(line: line, "\(what) needs a boolean, got \(value.typeName)")
        }
    }

    static func and(_ a: Bool?, _ b: Bool?) -> EsqlValue {
        if a == false || b == false { return .boolean(false) }
        if a == true && b == true { return .boolean(true) }
        return .null
    }

    static func or(_ a: Bool?, _ b: Bool?) -> EsqlValue {
        if a == true || b == true { return .boolean(true) }
        if a == false && b == false { return .boolean(false) }
        return .null
    }

    /// `value IN (list)`: true on a match; otherwise null if the value or any list item is null, else false.
    static func isIn(_ value: EsqlValue, _ list: [EsqlValue], line: Int) throws(EsqlError) -> EsqlValue {
        if value.isNull || value.isMulti { return .null }
        var sawNull = false
        for item in list {
            let equal = try compare(.equal, value, item, line: line)
            if equal == .boolean(true) { return .boolean(true) }
            if equal.isNull { sawNull = true }
        }
        return sawNull ? .null : .boolean(false)
    }

    /// `value LIKE pattern`.
    static func like(_ value: EsqlValue, _ pattern: String, line: Int) throws(EsqlError) -> EsqlValue {
        switch value {
        case .null, .multi: return .null
        case .string(let text): return .boolean(EsqlWildcard.matches(text, pattern: pattern))
        default: throw EsqlError(line: line, "LIKE needs a string, got \(value.typeName)")
        }
    }
}
