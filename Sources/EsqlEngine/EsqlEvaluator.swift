internal import Foundation

/// Runs ES|QL queries as Elasticsearch does.
///
/// ``evaluate(_:documents:now:completionRowLimit:completion:)`` runs a whole query from its source
/// (`ROW`, or `FROM` over documents tagged with their index); ``run(_:on:context:completion:)`` runs
/// processing commands over given rows. `COMPLETION` hands every row reaching it to the caller's
/// callback at once (a model, a recorded answer); the callback answers each row, and is not called when no row reaches it. `WHERE` keeps a row
/// only when its condition is true (null drops it).
public enum EsqlEvaluator {
    /// Answers a `COMPLETION` synchronously.
    public typealias Completion = (EsqlCompletionRequest) throws(EsqlError) -> [EsqlValue]
    /// Answers a `COMPLETION`, possibly calling a model.
    public typealias AsyncCompletion = @Sendable (EsqlCompletionRequest) async throws -> [EsqlValue]

    /// Elasticsearch's default cap on the rows one `COMPLETION` sends (`esql.command.completion.limit`):
    /// an implicit `LIMIT 100` before the command.
    public static let defaultCompletionRowLimit = 100

    /// The most rows a command may produce: the evaluator holds every row in memory, where Elasticsearch streams.
    public static let maxRows = 1_000_000

    /// Evaluates a whole query: `ROW …` or `FROM …` over `documents` (each picked by its index), then
    /// every processing command. `now` is `NOW()` in epoch milliseconds. Throws ``EsqlError`` or
    /// what `completion` throws.
    public static func evaluate(
        _ commands: [EsqlCommand], documents: [EsqlDocument] = [], now: Int64,
        completionRowLimit: Int = defaultCompletionRowLimit, completion: AsyncCompletion? = nil
    ) async throws -> [EsqlRow] {
        guard let source = commands.first else { throw EsqlError(line: 1, "the query is empty") }
        var context = EsqlContext(now: now)
        var rows: [EsqlRow]
        switch source {
        case .row(let assignments, _):
            var row = EsqlRow()
            for assignment in assignments { row[assignment.name] = try EsqlExpressionEvaluator.evaluate(assignment.expression, row, context: context) }
            rows = [row]
        case .from(let indices, let metadata, let line):
            rows = try EsqlSource.rows(documents, patterns: indices, metadata: metadata, line: line)
            context.unknownColumnsAreNull = true
        default:
            throw EsqlError(line: source.line, "a query starts with ROW or FROM, not \(source.name)")
        }
        var rest = commands.dropFirst()
        while !rest.isEmpty {
            let completionIndex = rest.firstIndex { if case .completion = $0 { true } else { false } } ?? rest.endIndex
            rows = try run(Array(rest[..<completionIndex]), on: rows, context: context)
            guard completionIndex < rest.endIndex, case .completion(let target, let prompt, let inferenceID, let line) = rest[completionIndex] else { break }
            let request = try completionRequest(rows, prompt: prompt, inferenceID: inferenceID, line: line, limit: completionRowLimit, context: context)
            guard let completion else { throw EsqlError(line: line, "COMPLETION has no model to call here") }
            let answers = request.rows.isEmpty ? [] : try await completion(request)
            rows = try answered(request, answers, target: target)
            rest = rest[(completionIndex + 1)...]
        }
        return rows
    }

    /// Runs processing commands over `input`; `COMPLETION` is answered by `completion`, without a row cap.
    public static func run(
        _ commands: [EsqlCommand], on input: [EsqlRow], context: EsqlContext = EsqlContext(), completion: Completion? = nil
    ) throws(EsqlError) -> [EsqlRow] {
        var rows = input
        for command in commands {
            if case .completion(let target, let prompt, let inferenceID, let line) = command {
                guard let completion else { throw EsqlError(line: line, "COMPLETION has no model to call here") }
                let request = try completionRequest(rows, prompt: prompt, inferenceID: inferenceID, line: line, limit: nil, context: context)
                rows = try answered(request, request.rows.isEmpty ? [] : try completion(request), target: target)
            } else {
                rows = try apply(command, rows, context: context)
            }
        }
        return rows
    }

    /// The rows reaching a `COMPLETION` (the first `limit`) and each one's prompt: a string prompt as
    /// is, a multi-valued one joined with `\n`, a null one nil (no call).
    static func completionRequest(
        _ rows: [EsqlRow], prompt: EsqlExpression, inferenceID: String, line: Int, limit: Int?, context: EsqlContext
    ) throws(EsqlError) -> EsqlCompletionRequest {
        let sent = limit.map { Array(rows.prefix($0)) } ?? rows
        var prompts: [String?] = []
        for row in sent {
            let value = try EsqlExpressionEvaluator.evaluate(prompt, row, context: context)
            switch value {
            case .null: prompts.append(nil)
            case .string(let text): prompts.append(text)
            case .multi(let items):
                var parts: [String] = []
                for item in items {
                    guard case .string(let text) = item else { throw EsqlError(line: line, "COMPLETION prompt must be a string, got \(item.typeName)") }
                    parts.append(text)
                }
                prompts.append(parts.joined(separator: "\n"))
            default: throw EsqlError(line: line, "COMPLETION prompt must be a string, got \(value.typeName)")
            }
        }
        return EsqlCompletionRequest(rows: sent, prompts: prompts, inferenceID: inferenceID, line: line, rowsCut: rows.count - sent.count)
    }

    /// The request's rows with the answers in `target` (null where there was no prompt).
    static func answered(_ request: EsqlCompletionRequest, _ answers: [EsqlValue], target: String) throws(EsqlError) -> [EsqlRow] {
        guard answers.count == request.rows.count else {
            throw EsqlError(line: request.line, "COMPLETION got \(answers.count) answers for \(request.rows.count) rows")
        }
        return zip(request.rows, zip(request.prompts, answers)).map { row, pair in
            var row = row
            row[target] = pair.0 == nil ? .null : pair.1
            return row
        }
    }

    static func apply(_ command: EsqlCommand, _ rows: [EsqlRow], context: EsqlContext) throws(EsqlError) -> [EsqlRow] {
        switch command {
        case .row(_, let line), .from(_, _, let line):
            throw EsqlError(line: line, "\(command.name) is a source command: it can only start a query")
        case .completion(_, _, _, let line):
            throw EsqlError(line: line, "COMPLETION has no model to call here")
        case .where(let condition, let line):
            var kept: [EsqlRow] = []
            for row in rows where try EsqlOperators.truth(try EsqlExpressionEvaluator.evaluate(condition, row, context: context), "WHERE", line: line) == true {
                kept.append(row)
            }
            return kept
        case .eval(let assignments, _):
            return try rows.map { row throws(EsqlError) in
                var row = row
                for assignment in assignments {
                    row[assignment.name] = try EsqlExpressionEvaluator.evaluate(assignment.expression, row, context: context)
                }
                return row
            }
        case .stats(let assignments, let groups, let line):
            return try EsqlAggregation.stats(assignments, by: groups, rows: rows, line: line, context: context)
        case .inlineStats(let assignments, let groups, let line):
            return try EsqlAggregation.inlineStats(assignments, by: groups, rows: rows, line: line, context: context)
        case .dissect(let input, let pattern, let line):
            return try rows.map { row throws(EsqlError) in
                var row = row
                var matches: [[String: String]] = []
                for element in try EsqlExpressionEvaluator.evaluate(input, row, context: context).elements {
                    guard case .string(let text) = element else { throw EsqlError(line: line, "DISSECT needs a string input, got \(element.typeName)") }
                    if let match = pattern.match(text) { matches.append(match) }
                }
                for key in pattern.outputKeys {
                    row[key] = .values(matches.compactMap { $0[key].map(EsqlValue.string) })
                }
                return row
            }
        case .grok(let input, let pattern, let line):
            let compiled = try EsqlJavaRegex.compile(pattern.regex, line: line)
            return try rows.map { row throws(EsqlError) in
                var row = row
                var matches: [[String: EsqlValue]] = []
                for element in try EsqlExpressionEvaluator.evaluate(input, row, context: context).elements {
                    guard case .string(let text) = element else { throw EsqlError(line: line, "GROK needs a string input, got \(element.typeName)") }
                    if let match = pattern.match(text, with: compiled) { matches.append(match) }
                }
                for capture in pattern.captures {
                    row[capture.name] = .values(matches.compactMap { $0[capture.name] })
                }
                return row
            }
        case .keep(let patterns, let line):
            return try rows.map { row throws(EsqlError) in try row.keeping(patterns, line: line) }
        case .drop(let patterns, let line):
            return try rows.map { row throws(EsqlError) in try row.dropping(patterns, line: line) }
        case .rename(let renames, let line):
            return try rows.map { row throws(EsqlError) in try row.renaming(renames, line: line) }
        case .limit(let count, _):
            return Array(rows.prefix(count))
        case .sort(let keys, let line):
            return try EsqlSort.sort(rows, by: keys, line: line, context: context)
        case .mvExpand(let column, let line):
            var expanded: [EsqlRow] = []
            for row in rows {
                guard let value = row[column] ?? (context.unknownColumnsAreNull ? .null : nil) else {
                    throw EsqlError(line: line, "MV_EXPAND: unknown column \(column)")
                }
                expanded += value.isMulti ? value.elements.map { row.replacing(column, with: $0) } : [row]
                guard expanded.count <= maxRows else {
                    throw EsqlError(line: line, "MV_EXPAND producing more than \(maxRows) rows is outside the supported ES|QL subset (rows are held in memory)")
                }
            }
            return expanded
        }
    }
}

/// The rows reaching one `COMPLETION` and their prompts, handed to the caller's callback at once.
public struct EsqlCompletionRequest: Sendable {
    /// The rows that reach the command (after its row cap), in order.
    public var rows: [EsqlRow]
    /// Each row's prompt; nil for a null prompt, which sends nothing and answers null.
    public var prompts: [String?]
    /// The `inference_id` the query names.
    public var inferenceID: String
    /// The line of the `COMPLETION` command.
    public var line: Int
    /// Rows that reached the command but were cut by its row cap.
    public var rowsCut: Int
}
