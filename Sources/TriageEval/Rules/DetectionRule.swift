import EsqlEngine
/// An Elastic detection rule file (`*.toml`) whose ES|QL query calls a model with `COMPLETION`:
/// its identity and its query split into the stages triage-eval evaluates.
public struct DetectionRule: Sendable {
    /// `rule.name`.
    public var name: String
    /// `rule.rule_id`.
    public var ruleID: String
    /// The `COMPLETION`'s `inference_id`.
    public var inferenceID: String { pipeline.completion.inferenceID }
    /// `rule.query`, as written.
    public var query: String
    /// The file line the query's first line is on.
    public var queryLine: Int
    public var pipeline: RulePipeline

    /// Reads a rule file. Errors name the file line, including lines inside the query.
    public init(toml text: String, file: String) throws(InputError) {
        let values = try RuleTomlReader.strings(text, file: file)
        func required(_ key: String) throws(InputError) -> RuleTomlReader.Value {
            guard let value = values["rule.\(key)"] else {
                throw InputError(file: file, field: "rule.\(key)", message: "is missing; a detection rule file has [rule] name, rule_id and query")
            }
            return value
        }
        name = try required("name").text
        ruleID = try required("rule_id").text
        let query = try required("query")
        self.query = query.text
        queryLine = query.line
        do {
            pipeline = try RulePipeline(try EsqlParser.parse(query.text))
        } catch {
            throw InputError(file: file, line: query.line + error.line - 1, field: "rule.query", message: error.message)
        }
    }
}
