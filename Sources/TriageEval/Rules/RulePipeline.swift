public import EsqlEngine
/// A rule's ES|QL query in the stages triage-eval evaluates:
/// `FROM` → ``filters`` (over alert documents) → ``stats`` (one row per host or user) →
/// ``context`` (the `EVAL … CONCAT` chain and post-`STATS` `WHERE`s) → ``completion`` (the model call) →
/// ``tail`` (`DISSECT`, `EVAL`, `WHERE`, `KEEP`: whether the rule alerts on the answer).
public struct RulePipeline: Sendable {
    /// The `COMPLETION` command's parts.
    public struct Completion: Sendable, Equatable {
        public var target: String
        public var prompt: EsqlExpression
        public var inferenceID: String
        public var line: Int
    }

    /// `STATS` aggregations and `BY` columns.
    public struct Stats: Sendable, Equatable {
        public var aggregations: [EsqlAssignment]
        public var groups: [String]
        public var line: Int
    }

    public var indices: [String]
    /// `FROM … METADATA` fields (`_id`, `_version`, `_index`).
    public var metadata: [String]
    public var filters: [EsqlCommand]
    public var stats: Stats
    public var context: [EsqlCommand]
    public var completion: Completion
    public var tail: [EsqlCommand]

    /// Splits a parsed query; errors name the line of the command that breaks the expected shape.
    public init(_ commands: [EsqlCommand]) throws(EsqlError) {
        guard case .from(let indices, let metadata, _)? = commands.first else {
            throw EsqlError(line: commands.first?.line ?? 1, "a rule query starts with FROM")
        }
        self.indices = indices
        self.metadata = metadata
        let statsIndices = commands.indices.filter { if case .stats = commands[$0] { true } else { false } }
        guard let statsIndex = statsIndices.first, case .stats(let aggregations, let groups, let line) = commands[statsIndex] else {
            throw EsqlError(line: commands.last?.line ?? 1, "the query has no STATS … BY: triage-eval evaluates rules that group alerts by host or user")
        }
        if statsIndices.count > 1 { throw EsqlError(line: commands[statsIndices[1]].line, "a second STATS is outside the supported rule shape") }
        stats = Stats(aggregations: aggregations, groups: groups, line: line)
        filters = Array(commands[1..<statsIndex])
        for command in filters {
            if case .completion = command { throw EsqlError(line: command.line, "COMPLETION before STATS is outside the supported rule shape") }
            if case .from = command { throw EsqlError(line: command.line, "a second FROM") }
        }
        let after = commands[(statsIndex + 1)...]
        let completions = after.indices.filter { if case .completion = commands[$0] { true } else { false } }
        guard let completionIndex = completions.first,
            case .completion(let target, let prompt, let inferenceID, let completionLine) = commands[completionIndex]
        else {
            throw EsqlError(line: line, "the query has no COMPLETION after its STATS: nothing calls a model")
        }
        if completions.count > 1 { throw EsqlError(line: commands[completions[1]].line, "a second COMPLETION is outside the supported rule shape") }
        completion = Completion(target: target, prompt: prompt, inferenceID: inferenceID, line: completionLine)
        context = Array(commands[(statsIndex + 1)..<completionIndex])
        tail = Array(commands[(completionIndex + 1)...])
        for command in context + tail {
            if case .from = command { throw EsqlError(line: command.line, "a second FROM") }
        }
        guard tail.contains(where: { if case .dissect = $0 { true } else { false } }) else {
            throw EsqlError(line: completionLine, "no DISSECT after COMPLETION: the rule does not parse the model's answer")
        }
    }

    /// The `DISSECT` of the answer in the tail.
    public var answerDissect: DissectPattern? {
        for command in tail { if case .dissect(_, let pattern, _) = command { return pattern } }
        return nil
    }

    /// Whether the rule groups by host or by user (from its `BY` columns).
    public var entity: Entity.Kind? {
        if stats.groups.contains(where: { $0.hasPrefix("host.") }) { return .host }
        if stats.groups.contains(where: { $0.hasPrefix("user.") }) { return .user }
        return nil
    }
}
