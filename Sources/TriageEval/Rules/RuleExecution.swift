public import EsqlEngine
/// One execution of a rule's query over a case's documents, as Elasticsearch runs it: `FROM` picks the
/// documents of the rule's indices inside the look-back window, every command up to `COMPLETION` runs
/// over them, and each row reaching `COMPLETION` (at most ``completionRowCap``) is one model call.
///
/// Accounting: rows cut by the query's `LIMIT`s and by the cap, rows whose prompt is null (nothing is
/// sent), and, when no row reaches the model, which stage dropped the last ones (``notJudgedReason``).
public struct RuleExecution: Sendable {
    /// Rows beyond this many never reach the model in one execution (`COMPLETION`'s default limit).
    public static let completionRowCap = EsqlEvaluator.defaultCompletionRowLimit

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
        var selected: [(document: CaseDocument, fields: EsqlRow)] = []
        for document in documents {
            guard let fields = try? AlertDocuments.row(document) else { throw EsqlError(line: 1, "document \(document.id) is not a JSON object") }
            selected.append((document, fields))
        }
        func timestamp(_ fields: EsqlRow) -> Int64? {
            if case .datetime(let millis)? = fields[CaseFields.timestamp] { return millis }
            return nil
        }
        // The rule's source: its indices' documents (the look-back window is Kibana's range filter on @timestamp).
        let line = pipeline.filters.first?.line ?? 1
        let inIndices = try EsqlEvaluator.source(
            selected.map { EsqlDocument(index: $0.document.index, id: $0.document.id, fields: $0.fields) }, patterns: pipeline.indices, metadata: [], line: line
        ).count
        let now = executedAt.flatMap(EsqlValue.parseDate) ?? ((selected.compactMap { timestamp($0.fields) }.max() ?? 0) + 1000)
        self.now = now
        var inWindow = selected
        if let lookback = rule.lookbackMillis {
            inWindow = selected.filter { entry in timestamp(entry.fields).map { $0 >= now - lookback && $0 <= now } ?? false }
        }
        var rows = try EsqlEvaluator.source(
            inWindow.map { EsqlDocument(index: $0.document.index, id: $0.document.id, version: 1, fields: $0.fields) },
            patterns: pipeline.indices, metadata: pipeline.metadata, line: line
        )
        documentsRead = rows.count
        documentsOutsideWindow = inIndices - rows.count

        let context = EsqlContext(now: now, unknownColumnsAreNull: true)
        let commands = pipeline.filters + [.stats(pipeline.stats.aggregations, by: pipeline.stats.groups, line: pipeline.stats.line)] + pipeline.context
        var steps: [Step] = []
        var cutByLimit = 0
        var reason: String? = inIndices == 0
            ? "no document in the rule's indices (FROM \(pipeline.indices.joined(separator: ", ")))"
            : (rows.isEmpty ? "no document inside the look-back window" : nil)
        for command in commands {
            let before = rows.count
            rows = try EsqlEvaluator.run([command], on: rows, context: context)
            steps.append(Step(command: command.name, line: command.line, rowsIn: before, rowsOut: rows.count))
            if case .limit = command { cutByLimit += before - rows.count }
            if before > 0, rows.isEmpty, reason == nil {
                reason = "\(Self.describe(command, query: rule.query)) (query line \(command.line)) dropped every remaining row"
            }
        }
        self.steps = steps
        self.cutByLimit = cutByLimit
        let completion = pipeline.completion
        let request = try EsqlEvaluator.completionPrompts(
            rows, prompt: completion.prompt, inferenceID: completion.inferenceID, line: completion.line,
            limit: Self.completionRowCap, context: context
        )
        cutByCap = request.rowsCut
        let groups = pipeline.stats.groups
        self.rows = zip(request.rows, request.prompts).map { row, prompt in
            Row(key: groups.map { "\($0)=\(row[$0].map(Self.keyText) ?? "null")" }.joined(separator: ", "), prompt: prompt, row: row)
        }
        if reason == nil, !self.rows.isEmpty, self.rows.allSatisfy({ $0.prompt == nil }) {
            reason = "the COMPLETION prompt is null on every row (nothing is sent)"
        }
        notJudgedReason = reason
    }

    /// How a `BY` value prints in a row key (`null`, multi-values joined with `,`).
    public static func keyText(_ value: EsqlValue) -> String {
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
