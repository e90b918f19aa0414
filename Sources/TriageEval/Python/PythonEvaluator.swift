/// Evaluates a ``PythonExpression`` over named values with Python's semantics.
struct PythonEvaluator {
    /// What Python would raise (`AttributeError: 'list' object has no attribute 'get'`).
    struct Failure: Error, Equatable {
        var message: String
    }

    let names: [String: PythonValue]
    /// Records `.get` misses and cutting slices (the context-loss lint); nil: not recorded.
    var trace: PythonTrace? = nil

    func evaluate(_ expression: PythonExpression) throws(Failure) -> PythonValue {
        switch expression {
        case .name(let name):
            guard let value = names[name] else { throw Failure(message: "NameError: name '\(name)' is not defined") }
            return value
        case .literal(let value):
            return value
        case .list(let items):
            var values: [PythonValue] = []
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case .dict(let members):
            var dict = PythonDict()
            for member in members {
                let key = try evaluate(member.key)
                guard case .str(let text) = key else { throw Failure(message: "TypeError: dict keys in prompts must be strings, got \(key.typeName)") }
                dict[text] = try evaluate(member.value)
            }
            return .dict(dict)
        case .dumps(let value, let options):
            return .str(options(try evaluate(value)))
        case .length(let value):
            switch try evaluate(value) {
            case .str(let text): return .int(text.unicodeScalars.count)
            case .list(let items): return .int(items.count)
            case .dict(let dict): return .int(dict.count)
            case let other: throw Failure(message: "TypeError: object of type '\(other.typeName)' has no len()")
            }
        case .string(let value):
            return .str(PythonText.str(try evaluate(value)))
        case .get(let target, let keyExpression, let fallback):
            let object = try evaluate(target)
            guard case .dict(let dict) = object else { throw Failure(message: "AttributeError: '\(object.typeName)' object has no attribute 'get'") }
            let key = try evaluate(keyExpression)
            // Keys are strings: any other key is simply absent.
            if case .str(let text) = key, let value = dict[text] { return value }
            if case .str(let text) = key { trace?.miss(text, in: dict) }
            return try fallback.map { (expression) throws(Failure) in try evaluate(expression) } ?? .none
        case .slice(let target, let start, let stop):
            let value = try evaluate(target)
            let lower = try bound(start)
            let upper = try bound(stop)
            switch value {
            case .str(let text):
                let scalars = Array(text.unicodeScalars)
                let range = Self.sliceRange(count: scalars.count, start: lower, stop: upper)
                if range.count < scalars.count { trace?.cut(.text(full: text)) }
                var result = ""
                result.unicodeScalars.append(contentsOf: scalars[range])
                return .str(result)
            case .list(let items):
                let range = Self.sliceRange(count: items.count, start: lower, stop: upper)
                if range.count < items.count { trace?.cut(.items(dropped: Array(items[..<range.lowerBound] + items[range.upperBound...]))) }
                return .list(Array(items[range]))
            default:
                throw Failure(message: "TypeError: '\(value.typeName)' object is not subscriptable")
            }
        case .index(let target, let indexExpression):
            let value = try evaluate(target)
            let index = try evaluate(indexExpression)
            switch value {
            case .dict(let dict):
                guard case .str(let key) = index, let member = dict[key] else { throw Failure(message: "KeyError: \(PythonText.repr(index))") }
                return member
            case .list(let items):
                guard let position = try integer(index, of: "list") else { throw Failure(message: "TypeError: list indices must be integers") }
                let resolved = position < 0 ? position + items.count : position
                guard items.indices.contains(resolved) else { throw Failure(message: "IndexError: list index out of range") }
                return items[resolved]
            case .str(let text):
                let scalars = Array(text.unicodeScalars)
                guard let position = try integer(index, of: "string") else { throw Failure(message: "TypeError: string indices must be integers") }
                let resolved = position < 0 ? position + scalars.count : position
                guard scalars.indices.contains(resolved) else { throw Failure(message: "IndexError: string index out of range") }
                return .str(String(scalars[resolved]))
            default:
                throw Failure(message: "TypeError: '\(value.typeName)' object is not subscriptable")
            }
        }
    }

    private func bound(_ expression: PythonExpression?) throws(Failure) -> Int? {
        guard let expression else { return nil }
        let value = try evaluate(expression)
        if case .none = value { return nil }
        guard let number = try integer(value, of: "slice") else { throw Failure(message: "TypeError: slice indices must be integers or None") }
        return number
    }

    /// An int (or bool) as a Swift Int; huge values saturate, as slicing clamps them anyway.
    private func integer(_ value: PythonValue, of kind: String) throws(Failure) -> Int? {
        switch value {
        case .bool(let flag): return flag ? 1 : 0
        case .int(let digits): return Int(digits) ?? (digits.hasPrefix("-") ? Int.min / 2 : Int.max / 2)
        default: return nil
        }
    }

    /// Python's slice bounds: negatives count from the end, then both are clamped to `0...count`.
    static func sliceRange(count: Int, start: Int?, stop: Int?) -> Range<Int> {
        func clamp(_ bound: Int?, default value: Int) -> Int {
            guard let bound else { return value }
            let resolved = bound < 0 ? bound + count : bound
            return min(max(resolved, 0), count)
        }
        let lower = clamp(start, default: 0)
        let upper = clamp(stop, default: count)
        return lower..<max(lower, upper)
    }
}
