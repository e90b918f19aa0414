internal import EsqlEngine
extension RuleExecution {
    /// What the execution did, for `render` and `try`: documents read, each command's rows in → out,
    /// the rows reaching `COMPLETION` (with what LIMIT and the cap cut) and why nothing was sent, if so.
    public func trace(documents: [CaseDocument]) -> String {
        var out = "now: \(EsqlValue.datetime(now).singleText ?? String(now))\n"
        out += "documents: \(documents.count) in the case, \(documentsRead + documentsOutsideWindow) in the rule's indices, "
        out += "\(documentsRead) inside the look-back window\n"
        for step in steps {
            out += "  \(step.command) (query line \(step.line)): \(step.rowsIn) → \(step.rowsOut) rows\n"
        }
        out += "rows reaching COMPLETION: \(rows.count) (cut by LIMIT: \(cutByLimit), by the \(Self.completionRowCap)-row cap: \(cutByCap); "
        out += "null prompts: \(nullPrompts))\n"
        if let notJudgedReason { out += "not judged by this rule: \(notJudgedReason)\n" }
        for (index, row) in rows.enumerated() {
            out += "row \(index + 1): \(row.key)\(row.prompt == nil ? " (null prompt: not sent)" : "")\n"
        }
        return out
    }
}
