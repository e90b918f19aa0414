/// The scalar functions of the supported subset, with ES|QL's null and multi-value rules: a null
/// argument gives null, and single-value functions given a multi-value give null (ES|QL warns).
enum EsqlFunctions {
    static let supported: Set<String> = [
        "CONCAT", "MV_CONCAT", "COALESCE", "TO_STRING", "TO_DOUBLE", "TO_LOWER", "TO_UPPER", "DATE_DIFF",
        "LENGTH", "SUBSTRING", "MV_MIN", "MV_MAX", "MV_FIRST", "MV_LAST", "MV_COUNT", "KQL",
    ]

    static func call(_ name: String, _ args: [EsqlValue], line: Int) throws(EsqlError) -> EsqlValue {
        func arity(_ range: ClosedRange<Int>) throws(EsqlError) {
            guard range.contains(args.count) else {
                throw EsqlError(line: line, "\(name) takes \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)") argument(s), got \(args.count)")
            }
        }
        func string(_ value: EsqlValue, _ what: String) throws(EsqlError) -> String? {
            switch value {
            case .null, .multi: return nil
            case .string(let text): return text
            default: throw EsqlError(line: line, "\(name): \(what) must be a string, got \(value.typeName)")
            }
        }
        func integer(_ value: EsqlValue, _ what: String) throws(EsqlError) -> Int64? {
            switch value {
            case .null, .multi: return nil
            case .integer(let number): return number
            default: throw EsqlError(line: line, "\(name): \(what) must be an integer, got \(value.typeName)")
            }
        }

        switch name {
        case "CONCAT":
            guard args.count >= 2 else { throw EsqlError(line: line, "CONCAT takes at least 2 arguments, got \(args.count)") }
            var text = ""
            for (index, arg) in args.enumerated() {
                guard let part = try string(arg, "argument \(index + 1)") else { return .null }
                text += part
            }
            return .string(text)
        case "MV_CONCAT":
            try arity(2...2)
            guard let separator = try string(args[1], "the separator") else { return .null }
            var parts: [String] = []
            for element in args[0].elements {
                guard case .string(let text) = element else { throw EsqlError(line: line, "MV_CONCAT: values must be strings, got \(element.typeName) (use TO_STRING)") }
                parts.append(text)
            }
            return parts.isEmpty ? .null : .string(parts.joined(separator: separator))
        case "COALESCE":
            try arity(1...Int.max)
            return args.first { !$0.isNull } ?? .null
        case "TO_STRING":
            try arity(1...1)
            return .values(args[0].elements.compactMap { $0.singleText.map(EsqlValue.string) })
        case "TO_DOUBLE":
            try arity(1...1)
            return .values(args[0].elements.compactMap(toDouble))
        case "TO_LOWER", "TO_UPPER":
            try arity(1...1)
            var mapped: [EsqlValue] = []
            for element in args[0].elements {
                guard case .string(let text) = element else { throw EsqlError(line: line, "\(name): the argument must be a string, got \(element.typeName)") }
                mapped.append(.string(name == "TO_LOWER" ? text.lowercased() : text.uppercased()))
            }
            return .values(mapped)
        case "DATE_DIFF":
            try arity(3...3)
            guard let unit = try string(args[0], "the unit") else { return .null }
            guard let millis = dateUnitMillis(unit) else {
                throw EsqlError(line: line, "DATE_DIFF unit \"\(unit)\" is outside the supported subset (millisecond, second, minute, hour, day)")
            }
            guard let start = try date(args[1], name, line), let end = try date(args[2], name, line) else { return .null }
            return .integer((end - start) / millis)
        case "LENGTH":
            try arity(1...1)
            guard let text = try string(args[0], "the argument") else { return .null }
            return .integer(Int64(text.unicodeScalars.count))
        case "SUBSTRING":
            try arity(2...3)
            guard let text = try string(args[0], "the string"), let start = try integer(args[1], "the start") else { return .null }
            let scalars = Array(text.unicodeScalars)
            let count = Int64(scalars.count)
            var length = count
            if args.count == 3 {
                guard let given = try integer(args[2], "the length") else { return .null }
                guard given >= 0 else { return .null }
                length = given
            }
            let from = min(max(0, start > 0 ? start - 1 : (start < 0 ? count + start : 0)), count)
            let to = min(count, from + min(length, count))
            return .string(String(String.UnicodeScalarView(scalars[Int(from)..<Int(to)])))
        case "MV_MIN", "MV_MAX":
            try arity(1...1)
            var best: EsqlValue?
            for element in args[0].elements {
                guard let current = best else { best = element; continue }
                let order = try EsqlOperators.order(element, current, line: line)
                if name == "MV_MIN" ? order < 0 : order > 0 { best = element }
            }
            return best ?? .null
        case "MV_FIRST":
            try arity(1...1)
            return args[0].elements.first ?? .null
        case "MV_LAST":
            try arity(1...1)
            return args[0].elements.last ?? .null
        case "MV_COUNT":
            try arity(1...1)
            return args[0].isNull ? .null : .integer(Int64(args[0].elements.count))
        case "KQL":
            throw EsqlError(line: line, "KQL is only evaluated by a WHERE over alert documents")
        default:
            throw EsqlError(line: line, "function \(name) is outside the supported ES|QL subset")
        }
    }

    /// `TO_DOUBLE` of one value; nil (null, with a warning in ES|QL) when a string does not parse.
    static func toDouble(_ value: EsqlValue) -> EsqlValue? {
        switch value {
        case .double: value
        case .integer(let number): .double(Double(number))
        case .boolean(let flag): .double(flag ? 1 : 0)
        case .datetime(let millis): .double(Double(millis))
        case .string(let text): EsqlDouble.parse(text).map(EsqlValue.double)
        case .null, .multi: nil
        }
    }

    static func dateUnitMillis(_ unit: String) -> Int64? {
        switch unit.lowercased() {
        case "millisecond", "milliseconds", "ms": 1
        case "second", "seconds", "ss", "s": 1000
        case "minute", "minutes", "mi", "n": 60_000
        case "hour", "hours", "hh": 3_600_000
        case "day", "days", "dd", "d": 86_400_000
        default: nil
        }
    }

    /// A datetime argument; strings are read as ISO-8601, as ES|QL casts a string literal.
    static func date(_ value: EsqlValue, _ name: String, _ line: Int) throws(EsqlError) -> Int64? {
        switch value {
        case .null, .multi: return nil
        case .datetime(let millis): return millis
        case .string(let text):
            guard let millis = EsqlValue.parseDate(text) else { throw EsqlError(line: line, "\(name): \"\(text)\" is not a datetime") }
            return millis
        default: throw EsqlError(line: line, "\(name): expected a datetime, got \(value.typeName)")
        }
    }
}
