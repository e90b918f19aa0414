/// Evaluates an expression on one row.
enum EsqlExpressionEvaluator {
    static func evaluate(_ expression: EsqlExpression, _ row: EsqlRow) throws(EsqlError) -> EsqlValue {
        switch expression {
        case .literal(let value, _):
            return value
        case .column(let name, let line):
            guard let value = row[name] else { throw EsqlError(line: line, "unknown column \(name)") }
            return value
        case .star(let line):
            throw EsqlError(line: line, "* is only allowed in COUNT(*)")
        case .call(let name, let arguments, let line):
            if EsqlAggregation.supported.contains(name) {
                throw EsqlError(line: line, "aggregation \(name) is only allowed in STATS")
            }
            if name == "KQL" {
                guard arguments.count == 1, case .literal(.string(let query), _) = arguments[0] else {
                    throw EsqlError(line: line, "KQL takes one query string")
                }
                return try EsqlKql.evaluate(query, row, line: line)
            }
            var values: [EsqlValue] = []
            for argument in arguments { values.append(try evaluate(argument, row)) }
            return try EsqlFunctions.call(name, values, line: line)
        case .compare(let op, let left, let right, let line):
            return try EsqlOperators.compare(op, try evaluate(left, row), try evaluate(right, row), line: line)
        case .and(let left, let right, let line):
            return EsqlOperators.and(
                try EsqlOperators.truth(try evaluate(left, row), "AND", line: line),
                try EsqlOperators.truth(try evaluate(right, row), "AND", line: line)
            )
        case .or(let left, let right, let line):
            return EsqlOperators.or(
                try EsqlOperators.truth(try evaluate(left, row), "OR", line: line),
                try EsqlOperators.truth(try evaluate(right, row), "OR", line: line)
            )
        case .not(let inner, let line):
            return try EsqlOperators.truth(try evaluate(inner, row), "NOT", line: line).map { .boolean(!$0) } ?? .null
        case .isNull(let inner, let negated, _):
            return .boolean(try evaluate(inner, row).isNull != negated)
        case .in(let inner, let list, let negated, let line):
            var items: [EsqlValue] = []
            for item in list { items.append(try evaluate(item, row)) }
            let result = try EsqlOperators.isIn(try evaluate(inner, row), items, line: line)
            return negated ? (try EsqlOperators.truth(result, "NOT IN", line: line).map { .boolean(!$0) } ?? .null) : result
        case .like(let inner, let pattern, let negated, let line):
            let result = try EsqlOperators.like(try evaluate(inner, row), pattern, line: line)
            return negated ? (try EsqlOperators.truth(result, "NOT LIKE", line: line).map { .boolean(!$0) } ?? .null) : result
        }
    }
}
