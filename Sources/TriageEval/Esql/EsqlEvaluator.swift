/// Runs ES|QL commands over rows, as Elasticsearch would after the source command.
///
/// `COMPLETION` calls `completion` with each row's prompt; the caller decides what answers
/// (a model, a recorded answer). `WHERE` keeps a row only when its condition is true (null drops it).
public enum EsqlEvaluator {
    /// Answers a `COMPLETION` prompt.
    public typealias Completion = (_ prompt: String, _ inferenceID: String) throws(EsqlError) -> EsqlValue

    public static func run(_ commands: [EsqlCommand], on input: [EsqlRow], completion: Completion? = nil) throws(EsqlError) -> [EsqlRow] {
        var rows = input
        for command in commands {
            rows = try apply(command, rows, completion: completion)
        }
        return rows
    }

    static func apply(_ command: EsqlCommand, _ rows: [EsqlRow], completion: Completion?) throws(EsqlError) -> [EsqlRow] {
        switch command {
        case .from(_, let line):
            throw EsqlError(line: line, "FROM is the source; evaluation starts with the rows it would read")
        case .where(let condition, let line):
            var kept: [EsqlRow] = []
            for row in rows where try EsqlOperators.truth(try EsqlExpressionEvaluator.evaluate(condition, row), "WHERE", line: line) == true {
                kept.append(row)
            }
            return kept
        case .eval(let assignments, _):
            return try rows.map { row throws(EsqlError) in
                var row = row
                for assignment in assignments {
                    row[assignment.name] = try EsqlExpressionEvaluator.evaluate(assignment.expression, row)
                }
                return row
            }
        case .stats(let assignments, let groups, let line):
            return try EsqlAggregation.stats(assignments, by: groups, rows: rows, line: line)
        case .dissect(let input, let pattern, let line):
            return try rows.map { row throws(EsqlError) in
                var row = row
                let value = try EsqlExpressionEvaluator.evaluate(input, row)
                var matched: [String: String]?
                switch value {
                case .null, .multi: matched = nil
                case .string(let text): matched = pattern.match(text)
                default: throw EsqlError(line: line, "DISSECT needs a string input, got \(value.typeName)")
                }
                for key in pattern.outputKeys {
                    row[key] = matched?[key].map(EsqlValue.string) ?? .null
                }
                return row
            }
        case .keep(let patterns, let line):
            return try rows.map { row throws(EsqlError) in try row.keeping(patterns, line: line) }
        case .limit(let count, _):
            return Array(rows.prefix(count))
        case .completion(let target, let prompt, let inferenceID, let line):
            guard let completion else { throw EsqlError(line: line, "COMPLETION has no model to call here") }
            return try rows.map { row throws(EsqlError) in
                var row = row
                switch try EsqlExpressionEvaluator.evaluate(prompt, row) {
                case .string(let text): row[target] = try completion(text, inferenceID)
                case .null, .multi: row[target] = .null
                case let other: throw EsqlError(line: line, "COMPLETION prompt must be a string, got \(other.typeName)")
                }
                return row
            }
        }
    }
}
