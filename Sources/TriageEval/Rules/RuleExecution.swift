/// One execution of a rule's query over a case's documents, as Elasticsearch runs it: `FROM` picks the
/// documents of the rule's indices inside the look-back window, every command up to `COMPLETION` runs
/// over them, and each row reaching `COMPLETION` (at most ``completionRowCap``) is one model call.
///
/// Accounting: rows cut by the query's `LIMIT`s and by the cap, rows whose prompt is null (nothing is
/// sent), and, when no row reaches the model, which stage dropped the last ones (``notJudgedReason``).
public struct RuleExecution: Sendable {
    /// Rows beyond this many never reach the model in one execution (`COMPLETION`'s default limit).
    public static let completionRowCap = 100

    /// A row that reached `COMPLETION`.
    public struct Row: Sendable {
        /// The row's `BY` values (`Esql.host_key=web-1, Esql.dest_host=evil.example`); identifies it in results.
        public var key: String
        /// The text sent to the model: a string prompt, or a multi-valued one joined with `\n`; nil when null (no call).
        public var prompt: String?
        /// The row as `COMPLETION` receives it.
        public var row: EsqlRow
    }

    /// One command's effect, for `render` and the not-judged reason.
    public struct Step: Sendable, Equatable {
        public var command: String
        /// Line within the query.
        public var line: Int
        public var rowsIn: Int
        public var rowsOut: Int
    }

    /// The execution time (epoch ms): the case's `executed_at`, or one second after its latest document.
    public var now: Int64
    /// Documents of the rule's indices inside `[now - lookback, now]`.
    public var documentsRead: Int
    /// Documents of the rule's indices outside the window (or without `@timestamp` when a window applies).
    public var documentsOutsideWindow: Int
    public var steps: [Step]
    /// Rows reaching `COMPLETION`, in order, after the cap.
    public var rows: [Row]
    public var cutByLimit: Int
    public var cutByCap: Int
    /// Why no prompt was sent, when none was.
    public var notJudgedReason: String?

    /// The rows that are model calls (non-null prompt).
    public var judged: [Row] { rows.filter { $0.prompt != nil } }
    /// Rows with a null prompt (nothing sent, no alert).
    public var nullPrompts: Int { rows.count - judged.count }

    /// Runs `rule` over `documents`. Errors are the query's own (an unsupported construct, a type error), with its line.
    public init(rule: DetectionRule, documents: [CaseDocument], executedAt: String? = nil) throws(EsqlError) {
        let pipeline = rule.pipeline
        var sourceRows: [EsqlRow] = []
        for document in documents where pipeline.indices.contains(where: { EsqlWildcard.matches(document.index, pattern: $0) }) {
            guard var row = try? AlertDocuments.row(document) else {
                throw EsqlError(line: 1, "document \(document.id) is not a JSON object")
            }
            row["_id"] = .string(document.id)
            row["_index"] = .string(document.index)
            sourceRows.append(row)
        }
        let latest = sourceRows.compactMap { row -> Int64? in if case .datetime(let millis)? = row[CaseFields.timestamp] { millis } else { nil } }.max()
        let now = executedAt.flatMap(EsqlValue.parseDate) ?? ((latest ?? 0) + 1000)
        self.now = now
        var inWindow = sourceRows
        if let lookback = rule.lookbackMillis {
            let start = now - lookback
            inWindow = sourceRows.filter { row in
                guard case .datetime(let millis)? = row[CaseFields.timestamp] else { return false }
                return millis >= start && millis <= now
            }
        }
        documentsRead = inWindow.count
        documentsOutsideWindow = sourceRows.count - inWindow.count

        // Every field of the read documents is a column of every row (null where a document lacks it), as in an index mapping.
        var columns: [String] = []
        var known: Set<String> = []
        for row in inWindow { for name in row.columns where known.insert(name).inserted { columns.append(name) } }
        let commands = pipeline.filters + [.stats(pipeline.stats.aggregations, by: pipeline.stats.groups, line: pipeline.stats.line)] + pipeline.context
        for command in commands {
            for name in RulePromptParser.columnsRead(by: command) where known.insert(name).inserted { columns.append(name) }
        }
        var rows = inWindow.map { document in
            var row = EsqlRow()
            for name in columns { row[name] = document[name] ?? .null }
            return row
        }

        var steps: [Step] = []
        var cutByLimit = 0
        var reason: String? = sourceRows.isEmpty
            ? "no document in the rule's indices (FROM \(pipeline.indices.joined(separator: ", ")))"
            : (inWindow.isEmpty ? "no document inside the look-back window" : nil)
        for command in commands {
            let before = rows.count
            rows = try EsqlEvaluator.run([command], on: rows)
            steps.append(Step(command: command.name, line: command.line, rowsIn: before, rowsOut: rows.count))
            if case .limit = command { cutByLimit += before - rows.count }
            if before > 0, rows.isEmpty, reason == nil {
                reason = "\(Self.describe(command, query: rule.query)) (query line \(command.line)) dropped the last \(before) row\(before == 1 ? "" : "s")"
            }
        }
        self.steps = steps
        self.cutByLimit = cutByLimit
        cutByCap = max(0, rows.count - Self.completionRowCap)
        let groups = pipeline.stats.groups
        self.rows = try rows.prefix(Self.completionRowCap).map { row throws(EsqlError) in
            let key = groups.map { "\($0)=\(row[$0].map(Self.keyText) ?? "null")" }.joined(separator: ", ")
            let prompt: String?
            switch try EsqlExpressionEvaluator.evaluate(pipeline.completion.prompt, row) {
            case .null: prompt = nil
            case .string(let text): prompt = text
            case .multi(let values): prompt = values.compactMap(\.singleText).joined(separator: "\n")
            case let other: throw EsqlError(line: pipeline.completion.line, "COMPLETION prompt must be a string, got \(other.typeName)")
            }
            return Row(key: key, prompt: prompt, row: row)
        }
        if reason == nil, !self.rows.isEmpty, self.rows.allSatisfy({ $0.prompt == nil }) {
            reason = "the COMPLETION prompt is null on every row (nothing is sent)"
        }
        notJudgedReason = reason
    }

    static func keyText(_ value: EsqlValue) -> String {
        switch value {
        case .null: "null"
        case .multi(let values): values.map(keyText).joined(separator: ",")
        default: value.singleText ?? "\(value)"
        }
    }

    /// `WHERE NOT Esql.dest_host IN (…`: the command's first line in the query, shortened.
    static func describe(_ command: EsqlCommand, query: String) -> String {
        let lines = query.split(separator: "\n", omittingEmptySubsequences: false)
        guard command.line >= 1, command.line <= lines.count else { return command.name }
        var text = String(lines[command.line - 1]).trimmingWhitespace()
        if text.hasPrefix("|") { text = String(text.dropFirst()).trimmingWhitespace() }
        if text.count > 90 { text = String(text.prefix(89)) + "…" }
        return "`\(text)`"
    }
}
