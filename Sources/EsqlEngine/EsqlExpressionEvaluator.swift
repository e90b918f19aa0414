/// Evaluates an expression on one row.
public enum EsqlExpressionEvaluator {
    public static func evaluate(_ expression: EsqlExpression, _ row: EsqlRow, context: EsqlContext = EsqlContext()) throws(EsqlError) -> EsqlValue {
        func eval(_ inner: EsqlExpression) throws(EsqlError) -> EsqlValue { try evaluate(inner, row, context: context) }
        switch expression {
        case .literal(let value, _):
            return value
        case .column(let name, let line):
            guard let value = row[name] else {
                if context.unknownColumnsAreNull { return .null }
                throw EsqlError(line: line, "unknown column \(name)")
            }
            return value
        case .star(let line):
            throw EsqlError(line: line, "* is only allowed in COUNT(*)")
        case .call(let name, let arguments, let line):
            if EsqlAggregation.supported.contains(name) {
                throw EsqlError(line: line, "aggregation \(name) is only allowed in STATS")
            }
            switch name {
            case "KQL":
                guard arguments.count == 1, case .literal(.string(let query), _) = arguments[0] else {
                    throw EsqlError(line: line, "KQL takes one query string")
                }
                return try EsqlKql.evaluate(query, row, context: context, line: line)
            case "NOW":
                guard arguments.isEmpty else { throw EsqlError(line: line, "NOW takes no argument") }
                return .datetime(context.now)
            case "CASE":
                return try conditional(arguments, row, context: context, line: line)
            default:
                var values: [EsqlValue] = []
                for argument in arguments { values.append(try eval(argument)) }
                return try EsqlFunctions.call(name, values, line: line)
            }
        case .compare(let op, let left, let right, let line):
            return try EsqlOperators.compare(op, try eval(left), try eval(right), line: line)
        case .and(let left, let right, let line):
            return EsqlOperators.and(
                try EsqlOperators.truth(try eval(left), "AND", line: line),
                try EsqlOperators.truth(try eval(right), "AND", line: line)
            )
        case .or(let left, let right, let line):
            return EsqlOperators.or(
                try EsqlOperators.truth(try eval(left), "OR", line: line),
                try EsqlOperators.truth(try eval(right), "OR", line: line)
            )
        case .not(let inner, let line):
            return try EsqlOperators.truth(try eval(inner), "NOT", line: line).map { .boolean(!$0) } ?? .null
        case .isNull(let inner, let negated, _):
            return .boolean(try eval(inner).isNull != negated)
        case .in(let inner, let list, let negated, let line):
            var items: [EsqlValue] = []
            for item in list { items.append(try eval(item)) }
            let result = try EsqlOperators.isIn(try eval(inner), items, line: line)
            return negated ? (try EsqlOperators.truth(result, "NOT IN", line: line).map { .boolean(!$0) } ?? .null) : result
        case .like(let inner, let pattern, let negated, let line):
            let result = try EsqlOperators.like(try eval(inner), pattern, line: line)
            return negated ? (try EsqlOperators.truth(result, "NOT LIKE", line: line).map { .boolean(!$0) } ?? .null) : result
        case .arithmetic(let op, let left, let right, let line):
            return try EsqlArithmeticOperators.apply(op, try eval(left), try eval(right), line: line)
        case .negate(let inner, let line):
            return try EsqlArithmeticOperators.negate(try eval(inner), line: line)
        case .cast(let inner, let function, let line):
            return try EsqlFunctions.call(function, [try eval(inner)], line: line)
        }
    }

    /// `CASE(condition, value, …, [else])`: the value of the first true condition; a null or
    /// multi-valued condition is not true; without a match, the else value or null.
    static func conditional(_ arguments: [EsqlExpression], _ row: EsqlRow, context: EsqlContext, line: Int) throws(EsqlError) -> EsqlValue {
        guard arguments.count >= 2 else { throw EsqlError(line: line, "CASE takes at least 2 arguments, got \(arguments.count)") }
        var index = 0
        while index + 1 < arguments.count {
            let condition = try evaluate(arguments[index], row, context: context)
            switch condition {
            case .boolean(true): return try evaluate(arguments[index + 1], row, context: context)
            case .boolean(false), .null, .multi: break
            default: throw EsqlError(line: line, "CASE conditions must be boolean, got \(condition.typeName)")
            }
            index += 2
        }
        return index < arguments.count ? try evaluate(arguments[index], row, context: context) : .null
    }
}
