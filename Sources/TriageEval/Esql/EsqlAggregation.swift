/// The aggregations of `STATS` the rules use: `COUNT(*)`, `COUNT(x)`, `COUNT_DISTINCT(x)`,
/// `VALUES(x)`, `MIN(x)`, `MAX(x)`. Multi-values count as their elements; nulls are ignored.
enum EsqlAggregation {
    static let supported: Set<String> = ["COUNT", "COUNT_DISTINCT", "VALUES", "MIN", "MAX"]

    /// Aggregates `expression` (a call of a supported aggregation) over a group's rows.
    static func aggregate(_ expression: EsqlExpression, over rows: [EsqlRow]) throws(EsqlError) -> EsqlValue {
        guard case .call(let name, let arguments, let line) = expression, supported.contains(name) else {
            throw EsqlError(line: expression.line, "STATS needs an aggregation (COUNT, COUNT_DISTINCT, VALUES, MIN, MAX) in each assignment")
        }
        guard arguments.count == 1 else { throw EsqlError(line: line, "\(name) takes one argument") }
        if case .star = arguments[0] {
            guard name == "COUNT" else { throw EsqlError(line: line, "* is only allowed in COUNT(*)") }
            return .integer(Int64(rows.count))
        }
        var elements: [EsqlValue] = []
        for row in rows { elements += try EsqlExpressionEvaluator.evaluate(arguments[0], row).elements }
        switch name {
        case "COUNT":
            return .integer(Int64(elements.count))
        case "COUNT_DISTINCT":
            return .integer(Int64(Set(elements).count))
        case "VALUES":
            var seen: Set<EsqlValue> = []
            return .values(elements.filter { seen.insert($0).inserted })
        default:
            var best: EsqlValue?
            for element in elements {
                guard let current = best else { best = element; continue }
                let order = try EsqlOperators.order(element, current, line: line)
                if name == "MIN" ? order < 0 : order > 0 { best = element }
            }
            return best ?? .null
        }
    }

    /// `STATS … BY groups`: one row per distinct group key (first-seen order; a multi-valued key
    /// puts the row in each of its values' groups), aggregations first, then the `BY` columns.
    static func stats(_ assignments: [EsqlAssignment], by groups: [String], rows: [EsqlRow], line: Int) throws(EsqlError) -> [EsqlRow] {
        var keys: [[EsqlValue]] = []
        var members: [[EsqlValue]: [EsqlRow]] = [:]
        for row in rows {
            var combinations: [[EsqlValue]] = [[]]
            for group in groups {
                guard let value = row[group] else { throw EsqlError(line: line, "STATS BY: unknown column \(group)") }
                let options = value.isNull ? [EsqlValue.null] : value.elements
                combinations = combinations.flatMap { prefix in options.map { prefix + [$0] } }
            }
            for key in combinations {
                if members[key] == nil { keys.append(key) }
                members[key, default: []].append(row)
            }
        }
        if groups.isEmpty, keys.isEmpty { keys = [[]] }
        return try keys.map { key throws(EsqlError) in
            var output = EsqlRow()
            for assignment in assignments {
                output[assignment.name] = try aggregate(assignment.expression, over: members[key] ?? [])
            }
            for (group, value) in zip(groups, key) { output[group] = value }
            return output
        }
    }
}
