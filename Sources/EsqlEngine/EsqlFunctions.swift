/// The scalar functions of the supported language, with ES|QL's null and multi-value rules: a null
/// argument gives null, and single-value functions given a multi-value give null (ES|QL warns).
/// `CASE`, `KQL` and `NOW` need the row or the context: ``EsqlExpressionEvaluator`` evaluates them.
enum EsqlFunctions {
    static let supported: Set<String> = [
        "CONCAT", "MV_CONCAT", "COALESCE", "TO_STRING", "TO_DOUBLE", "TO_INTEGER", "TO_LONG", "TO_BOOLEAN", "TO_DATETIME", "TO_IP",
        "TO_LOWER", "TO_UPPER", "DATE_DIFF", "DATE_TRUNC", "NOW", "LENGTH", "SUBSTRING", "LEFT", "RIGHT", "TRIM", "LTRIM", "RTRIM",
        "REPLACE", "SPLIT", "LOCATE", "STARTS_WITH", "ENDS_WITH", "MV_MIN", "MV_MAX", "MV_FIRST", "MV_LAST", "MV_COUNT", "MV_DEDUPE",
        "MV_SLICE", "CASE", "KQL", "MATCH_PHRASE",
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
        /// Applies `transform` to each string value (a multi-value keeps its shape).
        func eachString(_ transform: (String) -> String) throws(EsqlError) -> EsqlValue {
            var mapped: [EsqlValue] = []
            for element in args[0].elements {
                guard case .string(let text) = element else { throw EsqlError(line: line, "\(name): the argument must be a string, got \(element.typeName)") }
                mapped.append(.string(transform(text)))
            }
            return .values(mapped)
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
        case "TO_DOUBLE", "TO_INTEGER", "TO_LONG", "TO_BOOLEAN", "TO_DATETIME", "TO_IP":
            if args.count == 2 { throw EsqlError(line: line, "\(name) with a base or format argument is outside the supported ES|QL subset") }
            try arity(1...1)
            return .values(args[0].elements.compactMap { EsqlConversions.convert($0, to: name) })
        case "TO_LOWER":
            try arity(1...1)
            return try eachString { $0.lowercased() }
        case "TO_UPPER":
            try arity(1...1)
            return try eachString { $0.uppercased() }
        case "TRIM", "LTRIM", "RTRIM":
            try arity(1...1)
            guard let text = try string(args[0], "the argument") else { return .null }
            let isSpace: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace }
            var scalars = Substring(text).unicodeScalars[...]
            if name != "RTRIM" { while let first = scalars.first, isSpace(first) { scalars.removeFirst() } }
            if name != "LTRIM" { while let last = scalars.last, isSpace(last) { scalars.removeLast() } }
            return .string(String(String.UnicodeScalarView(scalars)))
        case "DATE_DIFF":
            try arity(3...3)
            guard let unit = try string(args[0], "the unit") else { return .null }
            guard let millis = dateUnitMillis(unit) else {
                throw EsqlError(line: line, "DATE_DIFF unit \"\(unit)\" is outside the supported subset (millisecond, second, minute, hour, day, week)")
            }
            guard let start = try date(args[1], name, line), let end = try date(args[2], name, line) else { return .null }
            return .integer((end - start) / millis)
        case "DATE_TRUNC":
            try arity(2...2)
            var interval = args[0]
            if case .string(let text) = interval {
                let parts = text.split(separator: " ")
                if parts.count == 2, let amount = Int64(parts[0]), let unit = EsqlTimeSpan.unit(named: String(parts[1])) {
                    interval = .timeSpan(EsqlTimeSpan(amount, unit))
                }
            }
            guard case .timeSpan(let span) = interval else {
                if args[0].isNull { return .null }
                throw EsqlError(line: line, "DATE_TRUNC: the interval must be a time span such as `5 minutes`, got \(args[0].typeName)")
            }
            guard let millis = try date(args[1], name, line) else { return .null }
            return .datetime(try EsqlDateTrunc.truncate(millis, to: span, line: line))
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
        case "LEFT", "RIGHT":
            try arity(2...2)
            guard let text = try string(args[0], "the string"), let length = try integer(args[1], "the length") else { return .null }
            let scalars = Array(text.unicodeScalars)
            let take = Int(max(0, min(length, Int64(scalars.count))))
            let part = name == "LEFT" ? scalars.prefix(take) : scalars.suffix(take)
            return .string(String(String.UnicodeScalarView(part)))
        case "REPLACE":
            try arity(3...3)
            guard let text = try string(args[0], "the string") else { return .null }
            guard let regex = try string(args[1], "the regex"), let replacement = try string(args[2], "the replacement") else {
                return args[1].isMulti || args[2].isMulti ? .null : .string(text)
            }
            return try EsqlJavaRegex.replaceAll(text, regex, replacement, line: line).map(EsqlValue.string) ?? .null
        case "SPLIT":
            try arity(2...2)
            guard let text = try string(args[0], "the string"), let delimiter = try string(args[1], "the delimiter") else { return .null }
            let delimiterBytes = Array(delimiter.utf8)
            // Split.java: the delimiter must be one byte; empty parts are kept.
            guard delimiterBytes.count == 1 else { throw EsqlError(line: line, "SPLIT: delimiter must be single byte for now") }
            let parts = Array(text.utf8).split(separator: delimiterBytes[0], omittingEmptySubsequences: false)
            return .values(parts.map { .string(String(decoding: $0, as: UTF8.self)) })
        case "LOCATE":
            try arity(2...3)
            guard let text = try string(args[0], "the string"), let needle = try string(args[1], "the substring") else { return .null }
            var start: Int64 = 1
            if args.count == 3 {
                guard let given = try integer(args[2], "the start") else { return .null }
                start = given
            }
            return .integer(locate(needle, in: text, from: start))
        case "STARTS_WITH", "ENDS_WITH":
            try arity(2...2)
            guard let text = try string(args[0], "the string"), let affix = try string(args[1], "the prefix") else { return .null }
            return .boolean(name == "STARTS_WITH" ? text.utf8.starts(with: affix.utf8) : text.utf8.reversed().starts(with: affix.utf8.reversed()))
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
        case "MV_DEDUPE":
            try arity(1...1)
            var seen: Set<EsqlValue> = []
            return .values(args[0].elements.filter { seen.insert($0).inserted })
        case "MV_SLICE":
            try arity(2...3)
            guard !args[0].isNull, let start = try integer(args[1], "the start") else { return .null }
            var end = start
            if args.count == 3 {
                guard let given = try integer(args[2], "the end") else { return .null }
                end = given
            }
            // MvSlice: a start after the end, or a negative start with a non-negative end, is an error (null, with a warning).
            guard start <= end, !(start < 0 && end >= 0) else { return .null }
            let values = args[0].elements
            let count = Int64(values.count)
            let first = start < 0 ? start + count : start
            let last = end < 0 ? end + count : end
            guard first < count, last >= 0 else { return .null }
            return .values(Array(values[Int(max(0, first))...Int(min(count - 1, last))]))
        case "MATCH_PHRASE":
            try arity(2...2)
            guard let phrase = try string(args[1], "the query") else { return .null }
            return .boolean(args[0].elements.contains { EsqlTextAnalysis.containsPhrase($0.singleText ?? "", phrase) })
        default:
            throw EsqlError(line: line, "function \(name) is outside the supported ES|QL subset")
        }
    }

    /// `LOCATE`: the 1-based position of `needle` in `text` from `start` (counted in code points), 0 when absent.
    static func locate(_ needle: String, in text: String, from start: Int64) -> Int64 {
        let scalars = Array(text.unicodeScalars)
        let target = Array(needle.unicodeScalars)
        var index = start < 0 ? Int64(scalars.count) + start : (start == 0 ? 0 : start - 1)
        index = max(0, index)
        guard index <= scalars.count else { return 0 }
        var position = Int(index)
        while position + target.count <= scalars.count {
            if scalars[position..<(position + target.count)].elementsEqual(target) { return Int64(position + 1) }
            position += 1
        }
        return 0
    }

    static func dateUnitMillis(_ unit: String) -> Int64? {
        switch unit.lowercased() {
        case "millisecond", "milliseconds", "ms": 1
        case "second", "seconds", "ss", "s": 1000
        case "minute", "minutes", "mi", "n": 60_000
        case "hour", "hours", "hh": 3_600_000
        case "day", "days", "dd", "d": 86_400_000
        case "week", "weeks", "wk", "ww": 604_800_000
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
