/// Hooks for callers that run a query one command at a time to account for what each command does
/// (triage-eval's rule executions: rows cut by `LIMIT`, which `WHERE` dropped the last row).
extension EsqlEvaluator {
    /// The rows `FROM patterns METADATA metadata` reads from `documents`, as ``evaluate(_:documents:now:completionRowLimit:completion:)`` does.
    public static func source(_ documents: [EsqlDocument], patterns: [String], metadata: [String], line: Int) throws(EsqlError) -> [EsqlRow] {
        try EsqlSource.rows(documents, patterns: patterns, metadata: metadata, line: line)
    }

    /// The rows a `COMPLETION` sends (the first `limit`) and each one's prompt, without calling anything.
    public static func completionPrompts(
        _ rows: [EsqlRow], prompt: EsqlExpression, inferenceID: String, line: Int, limit: Int?, context: EsqlContext
    ) throws(EsqlError) -> EsqlCompletionRequest {
        try completionRequest(rows, prompt: prompt, inferenceID: inferenceID, line: line, limit: limit, context: context)
    }
}
