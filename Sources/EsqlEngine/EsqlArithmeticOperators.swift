internal import Foundation

/// `+ - * / %` as ES|QL evaluates them: null or a multi-value gives null; integers stay integers
/// (division truncates; overflow and division by zero give null, with a warning in ES|QL);
/// an integer with a double gives a double; a datetime plus or minus a time span moves it in UTC.
enum EsqlArithmeticOperators {
    static func apply(_ op: EsqlArithmetic, _ left: EsqlValue, _ right: EsqlValue, line: Int) throws(EsqlError) -> EsqlValue {
        if left.isNull || right.isNull || left.isMulti || right.isMulti { return .null }
        switch (left, right) {
        case (.integer(let a), .integer(let b)):
            let result: (Int64, Bool)
            switch op {
            case .add: result = a.addingReportingOverflow(b)
            case .subtract: result = a.subtractingReportingOverflow(b)
            case .multiply: result = a.multipliedReportingOverflow(by: b)
            case .divide:
                guard b != 0 else { return .null }
                result = a.dividedReportingOverflow(by: b)
            case .modulo:
                guard b != 0 else { return .null }
                result = a.remainderReportingOverflow(dividingBy: b)
            }
            return result.1 ? .null : .integer(result.0)
        case (.integer, .double), (.double, .integer), (.double, .double):
            guard let a = number(left), let b = number(right) else { return .null }
            let value: Double
            switch op {
            case .add: value = a + b
            case .subtract: value = a - b
            case .multiply: value = a * b
            case .divide: value = a / b
            case .modulo: value = a.truncatingRemainder(dividingBy: b)
            }
            return value.isFinite ? .double(value) : .null
        case (.datetime(let millis), .timeSpan(let span)) where op == .add || op == .subtract:
            return .datetime(shift(millis, by: span, negative: op == .subtract))
        case (.timeSpan(let span), .datetime(let millis)) where op == .add:
            return .datetime(shift(millis, by: span, negative: false))
        default:
            throw EsqlError(line: line, "\(op.rawValue) is not defined for \(left.typeName) and \(right.typeName)")
        }
    }

    static func negate(_ value: EsqlValue, line: Int) throws(EsqlError) -> EsqlValue {
        switch value {
        case .null, .multi: return .null
        case .integer(let number): return number == .min ? .null : .integer(-number)
        case .double(let number): return .double(-number)
        case .timeSpan(let span): return .timeSpan(EsqlTimeSpan(-span.amount, span.unit))
        default: throw EsqlError(line: line, "- is not defined for \(value.typeName)")
        }
    }

    static func number(_ value: EsqlValue) -> Double? {
        switch value {
        case .integer(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    /// `millis ± span`, calendar units by the UTC calendar.
    static func shift(_ millis: Int64, by span: EsqlTimeSpan, negative: Bool) -> Int64 {
        let amount = negative ? -span.amount : span.amount
        if let fixed = EsqlTimeSpan(amount, span.unit).fixedMillis { return millis + fixed }
        let months = span.unit == .year ? amount * 12 : (span.unit == .quarter ? amount * 3 : amount)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone.current
        let date = Date(timeIntervalSince1970: Double(millis) / 1000)
        guard let moved = calendar.date(byAdding: .month, value: Int(months), to: date) else { return millis }
        return Int64((moved.timeIntervalSince1970 * 1000).rounded())
    }
}
