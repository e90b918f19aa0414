/// `STATS` and `INLINE STATS`: the aggregations `COUNT(*)`, `COUNT(x)`, `COUNT_DISTINCT(x)`,
/// `VALUES(x)`, `MIN(x)`, `MAX(x)`, `SUM(x)`, `AVG(x)`, `FIRST(x, sort)`, `LAST(x, sort)`, possibly
/// inside scalar functions (`MV_SLICE(MV_DEDUPE(VALUES(x)), 0, 9)`). Multi-values count as their
/// elements; nulls are ignored. `COUNT_DISTINCT` is exact (Elasticsearch's is approximate above its
/// precision threshold, 3000 by default).
enum EsqlAggregation {
    static let supported: Set<String> = ["COUNT", "COUNT_DISTINCT", "VALUES", "MIN", "MAX", "SUM", "AVG", "FIRST", "LAST"]

    /// Aggregates one call of a supported aggregation over a group's rows.
    static func aggregate(_ name: String, _ arguments: [EsqlExpression], line: Int, over rows: [EsqlRow], context: EsqlContext) throws(EsqlError) -> EsqlValue {
        let expected = name == "FIRST" || name == "LAST" ? 2 : (name == "COUNT_DISTINCT" ? arguments.count : 1)
        guard arguments.count == expected, (1...2).contains(arguments.count) else {
            throw EsqlError(line: line, "\(name) takes \(expected) argument(s), got \(arguments.count)")
        }
        if case .star = arguments[0] {
            guard name == "COUNT" else { throw EsqlError(line: line, "* is only allowed in COUNT(*)") }
            return .integer(Int64(rows.count))
        }
        if name == "FIRST" || name == "LAST" {
            var best: (sort: EsqlValue, value: EsqlValue)?
            for row in rows {
                let sortValues = try EsqlExpressionEvaluator.evaluate(arguments[1], row, context: context).elements
                guard let sort = try extreme(sortValues, largest: name == "LAST", line: line) else { continue }
                let value = try EsqlExpressionEvaluator.evaluate(arguments[0], row, context: context)
                if let current = best {
                    let order = try EsqlOperators.order(sort, current.sort, line: line)
                    if name == "LAST" ? order > 0 : order < 0 { best = (sort, value) }
                } else {
                    best = (sort, value)
                }
            }
            return best?.value ?? .null
        }
        var elements: [EsqlValue] = []
        for row in rows { elements += try EsqlExpressionEvaluator.evaluate(arguments[0], row, context: context).elements }
        switch name {
        case "COUNT":
            return .integer(Int64(elements.count))
        case "COUNT_DISTINCT":
            return .integer(Int64(Set(elements).count))
        case "VALUES":
            var seen: Set<EsqlValue> = []
            return .values(elements.filter { seen.insert($0).inserted })
        case "SUM", "AVG":
            guard !elements.isEmpty else { return .null }
            if name == "SUM", elements.allSatisfy({ if case .integer = $0 { true } else { false } }) {
                var total: Int64 = 0
                for case .integer(let number) in elements {
                    let (sum, overflow) = total.addingReportingOverflow(number)
                    if overflow { return .null }
                    total = sum
                }
                return .integer(total)
            }
            var total = 0.0
            for element in elements {
                guard let number = EsqlArithmeticOperators.number(element) else { throw EsqlError(line: line, "\(name) needs numbers, got \(element.typeName)") }
                total += number
            }
            return .double(name == "SUM" ? total : total / Double(elements.count))
        default:
            return try extreme(elements, largest: name == "MAX", line: line) ?? .null
        }
    }

    static func extreme(_ elements: [EsqlValue], largest: Bool, line: Int) throws(EsqlError) -> EsqlValue? {
        var best: EsqlValue?
        for element in elements {
            guard let current = best else { best = element; continue }
            let order = try EsqlOperators.order(element, current, line: line)
            if largest ? order > 0 : order < 0 { best = element }
        }
        return best
    }

    /// An aggregation expression over a group: each aggregation call inside it is computed over the
    /// group's rows, then the expression is evaluated on the group key.
    static func evaluate(_ expression: EsqlExpression, key: EsqlRow, rows: [EsqlRow], context: EsqlContext) throws(EsqlError) -> EsqlValue {
        var found = false
        let rewritten = try substitute(expression, rows: rows, context: context, found: &found)
        guard found else {
            throw EsqlError(line: expression.line, "STATS needs an aggregation (\(supported.sorted().joined(separator: ", "))) in each expression")
        }
        return try EsqlExpressionEvaluator.evaluate(rewritten, key, context: context)
    }

    static func substitute(_ expression: EsqlExpression, rows: [EsqlRow], context: EsqlContext, found: inout Bool) throws(EsqlError) -> EsqlExpression {
        switch expression {
        case .call(let name, let arguments, let line):
            if supported.contains(name) {
                found = true
                return .literal(try aggregate(name, arguments, line: line, over: rows, context: context), line: line)
            }
            var mapped: [EsqlExpression] = []
            for argument in arguments { mapped.append(try substitute(argument, rows: rows, context: context, found: &found)) }
            return .call(name, mapped, line: line)
        case .compare(let op, let a, let b, let line):
            return .compare(op, try substitute(a, rows: rows, context: context, found: &found), try substitute(b, rows: rows, context: context, found: &found), line: line)
        case .arithmetic(let op, let a, let b, let line):
            return .arithmetic(op, try substitute(a, rows: rows, context: context, found: &found), try substitute(b, rows: rows, context: context, found: &found), line: line)
        case .negate(let inner, let line):
            return .negate(try substitute(inner, rows: rows, context: context, found: &found), line: line)
        case .cast(let inner, let function, let line):
            return .cast(try substitute(inner, rows: rows, context: context, found: &found), function: function, line: line)
        default:
            return expression
        }
    }

    /// Each row's group keys: one combination per value of each multi-valued key (a null key is a group of its own).
    static func keys(_ row: EsqlRow, groups: [String], line: Int, context: EsqlContext) throws(EsqlError) -> [[EsqlValue]] {
        var combinations: [[EsqlValue]] = [[]]
        for group in groups {
            guard let value = row[group] ?? (context.unknownColumnsAreNull ? .null : nil) else {
                throw EsqlError(line: line, "STATS BY: unknown column \(group)")
            }
            let options = value.isNull ? [EsqlValue.null] : value.elements
            combinations = combinations.flatMap { prefix in options.map { prefix + [$0] } }
        }
        return combinations
    }

    /// The groups of `rows` in first-seen order, with their members.
    static func group(_ rows: [EsqlRow], by groups: [String], line: Int, context: EsqlContext) throws(EsqlError) -> (keys: [[EsqlValue]], members: [[EsqlValue]: [EsqlRow]]) {
        var keys: [[EsqlValue]] = []
        var members: [[EsqlValue]: [EsqlRow]] = [:]
        for row in rows {
            for key in try self.keys(row, groups: groups, line: line, context: context) {
                if members[key] == nil { keys.append(key) }
                members[key, default: []].append(row)
            }
        }
        if groups.isEmpty, keys.isEmpty { keys = [[]] }
        return (keys, members)
    }

    /// The aggregated columns of one group.
    static func aggregates(_ assignments: [EsqlAssignment], groups: [String], key: [EsqlValue], rows: [EsqlRow], context: EsqlContext) throws(EsqlError) -> [(String, EsqlValue)] {
        var keyRow = EsqlRow()
        for (group, value) in zip(groups, key) { keyRow[group] = value }
        var result: [(String, EsqlValue)] = []
        for assignment in assignments {
            result.append((assignment.name, try evaluate(assignment.expression, key: keyRow, rows: rows, context: context)))
        }
        return result
    }

    /// `STATS … BY groups`: one row per distinct group key (first-seen order; a multi-valued key
    /// puts the row in each of its values' groups), aggregations first, then the `BY` columns.
    static func stats(_ assignments: [EsqlAssignment], by groups: [String], rows: [EsqlRow], line: Int, context: EsqlContext) throws(EsqlError) -> [EsqlRow] {
        let (keys, members) = try group(rows, by: groups, line: line, context: context)
        return try keys.map { key throws(EsqlError) in
            var output = EsqlRow(try aggregates(assignments, groups: groups, key: key, rows: members[key] ?? [], context: context))
            for (group, value) in zip(groups, key) { output[group] = value }
            return output
        }
    }

    /// `INLINE STATS … BY groups`: every input row kept, with its group's aggregations added (in
    /// their order) and the `BY` columns moved last. A row whose key is multi-valued belongs to each
    /// value's group and gets the multi-value of their results.
    static func inlineStats(_ assignments: [EsqlAssignment], by groups: [String], rows: [EsqlRow], line: Int, context: EsqlContext) throws(EsqlError) -> [EsqlRow] {
        let (keys, members) = try group(rows, by: groups, line: line, context: context)
        var results: [[EsqlValue]: [(String, EsqlValue)]] = [:]
        for key in keys { results[key] = try aggregates(assignments, groups: groups, key: key, rows: members[key] ?? [], context: context) }
        return try rows.map { row throws(EsqlError) in
            let rowResults = try self.keys(row, groups: groups, line: line, context: context).compactMap { results[$0] }
            var output = row
            for (index, assignment) in assignments.enumerated() {
                output[assignment.name] = .values(rowResults.map { $0[index].1 })
            }
            for group in groups { output[group] = row[group] ?? .null }
            return output
        }
    }
}
