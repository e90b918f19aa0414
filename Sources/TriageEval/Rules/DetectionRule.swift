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
    /// How far back each execution looks (`rule.from`, e.g. `now-20m`); nil when the file gives none.
    public var lookbackMillis: Int64?
    /// How often the rule runs (`rule.interval`, e.g. `15m`); nil when the file gives none.
    public var intervalMillis: Int64?

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
        if let from = values["rule.from"] {
            guard from.text.hasPrefix("now-"), let millis = Self.millis(String(from.text.dropFirst(4))) else {
                throw InputError(file: file, line: from.line, field: "rule.from", message: "expected now-<number><s|m|h|d>, got \"\(from.text)\"")
            }
            lookbackMillis = millis
        }
        if let interval = values["rule.interval"] {
            guard let millis = Self.millis(interval.text), millis > 0 else {
                throw InputError(file: file, line: interval.line, field: "rule.interval", message: "expected <number><s|m|h|d>, got \"\(interval.text)\"")
            }
            intervalMillis = millis
        }
        do {
            pipeline = try RulePipeline(try EsqlParser.parse(query.text))
        } catch {
            throw InputError(file: file, line: query.line + error.line - 1, field: "rule.query", message: error.message)
        }
    }

    /// A Kibana rule duration (`20m`, `1h`, `30s`, `1d`) in milliseconds.
    static func millis(_ text: String) -> Int64? {
        guard let unit = text.last, let number = Int64(text.dropLast()), number >= 0 else { return nil }
        switch unit {
        case "s": return number * 1000
        case "m": return number * 60_000
        case "h": return number * 3_600_000
        case "d": return number * 86_400_000
        default: return nil
        }
    }
}
