public import EsqlEngine
/// A detection rule used as a prompt version: the rule's own commands render the prompt and decide.
///
/// Rendering runs the rule's post-`STATS` commands on the case's ``CaseRow`` and evaluates the
/// `COMPLETION`'s prompt expression; the decision sets the `COMPLETION` target to the model's answer
/// and runs the rule's tail: the rule alerts when a row is left.
public struct RulePrompt: Sendable {
    public let rule: DetectionRule

    public init(rule: DetectionRule) {
        self.rule = rule
    }

    var pipeline: RulePipeline { rule.pipeline }

    /// The rows left after the rule's context commands (none when its post-`STATS` `WHERE` drops the case).
    func contextRows(_ item: TriageCase) throws(EsqlError) -> [EsqlRow]? {
        guard !item.isSummaryOnly, let kind = item.entity?.type, kind == pipeline.entity else { return nil }
        return try EsqlEvaluator.run(pipeline.context, on: [CaseRow(item, stats: pipeline.stats).row])
    }

    /// The text the rule's `COMPLETION` would send for this case; nil when the rule would not call the
    /// model for it (another entity kind, a summary-only case, or dropped by the rule's own `WHERE`).
    public func render(_ item: TriageCase) throws(EsqlError) -> String? {
        guard let row = try contextRows(item)?.first else { return nil }
        guard case .string(let text) = try EsqlExpressionEvaluator.evaluate(pipeline.completion.prompt, row) else { return nil }
        return text
    }

    /// The rule's execution over the case's documents; nil for a case without documents.
    public func execution(_ item: TriageCase) throws(EsqlError) -> RuleExecution? {
        guard let documents = item.documents else { return nil }
        return try RuleExecution(rule: rule, documents: documents, executedAt: item.executedAt)
    }

    /// Whether the rule alerts on a row of its execution when the model answers `answer`: the tail keeps it.
    public func keeps(answer: String, row: EsqlRow) throws(EsqlError) -> Bool {
        var answered = row
        answered[pipeline.completion.target] = .string(answer)
        return !(try EsqlEvaluator.run(pipeline.tail, on: [answered])).isEmpty
    }

    /// Whether the rule alerts when the model answers `answer` for this case: the tail keeps a row.
    public func keeps(answer: String, for item: TriageCase) throws(EsqlError) -> Bool {
        guard let rows = try contextRows(item) else { return false }
        let answered = rows.map { row in
            var row = row
            row[pipeline.completion.target] = .string(answer)
            return row
        }
        return !(try EsqlEvaluator.run(pipeline.tail, on: answered)).isEmpty
    }
}
