internal import EsqlEngine

extension PromptCall {
    /// The boolean columns of the row this call sends to `COMPLETION` (a rule over documents), by name; empty for
    /// a template's call. Where a rule keeps its own verdict on the input, such as a `LOCATE`-based injection flag.
    public var booleanColumns: [String: Bool] {
        guard let row else { return [:] }
        var columns: [String: Bool] = [:]
        for name in row.columns {
            if case .boolean(let value) = row[name] { columns[name] = value }
        }
        return columns
    }
}
