import EsqlEngine
/// Makes a prompt version of a detection rule file: the rule's `EVAL … CONCAT` chain renders, its
/// `COMPLETION` is the model call, its tail decides.
///
/// Checked when the rule loads, each an ``InputError`` naming the file line: the query is inside the
/// supported ES|QL subset; a rule grouping by host or user (which also judges structured cases) reads no
/// `STATS` column cases cannot fill, and its commands evaluate on a sample case and sample answers.
/// Any rule judges cases with documents (``RuleExecution``).
public enum RulePromptParser {
    public static func parse(_ text: String, file: String, id: String, version: String, defaults: AlertPolicy) throws(InputError) -> PromptVersion {
        let rule = try DetectionRule(toml: text, file: file)
        let pipeline = rule.pipeline
        func error(_ line: Int, _ message: String) -> InputError {
            InputError(file: file, line: rule.queryLine + line - 1, field: "rule.query", message: message)
        }
        let prompt = RulePrompt(rule: rule)
        if let entity = pipeline.entity {
            try checkOnSampleCase(prompt, entity: entity, error: error)
        }
        let (output, decision) = RuleDecisionSummary.derive(pipeline, defaults: defaults)
        return PromptVersion(
            id: id, version: version, description: rule.name, entity: pipeline.entity, output: output, decision: decision,
            template: rule.query, variables: [], text: text, sha256: SHA256Hex.of(text), file: file, renderer: .rule(prompt)
        )
    }

    /// A rule grouping by host or user also judges structured cases (``CaseRow``): it must read no `STATS`
    /// column cases cannot fill, and its commands must evaluate on a sample case and sample answers.
    static func checkOnSampleCase(_ prompt: RulePrompt, entity: Entity.Kind, error: (Int, String) -> InputError) throws(InputError) {
        let pipeline = prompt.rule.pipeline
        let sample = sampleCase(entity)
        let unsupplied = CaseRow(sample, stats: pipeline.stats).unsupplied
        var reads: [(line: Int, columns: [String])] = []
        for command in pipeline.context + pipeline.tail { reads.append((command.line, columnsRead(by: command))) }
        reads.append((pipeline.completion.line, pipeline.completion.prompt.columns))
        for (line, columns) in reads {
            if let column = columns.first(where: unsupplied.contains) {
                throw error(line, "reads \(column), a STATS column cases do not supply (cases hold: \(CaseFields.lists.keys.sorted().joined(separator: ", ")))")
            }
        }
        do {
            _ = try prompt.render(sample)
            for answer in ["verdict=TP confidence=0.9 summary=x", "not an answer"] { _ = try prompt.keeps(answer: answer, for: sample) }
        } catch let failure {
            throw error(failure.line, failure.message)
        }
    }

    /// The columns a command reads.
    static func columnsRead(by command: EsqlCommand) -> [String] {
        switch command {
        case .where(let condition, _): condition.columns
        case .eval(let assignments, _), .stats(let assignments, _, _), .inlineStats(let assignments, _, _), .row(let assignments, _):
            assignments.flatMap(\.expression.columns)
        case .dissect(let input, _, _), .grok(let input, _, _): input.columns
        case .completion(_, let prompt, _, _): prompt.columns
        case .sort(let keys, _): keys.flatMap(\.expression.columns)
        case .from, .limit, .keep, .drop, .rename, .mvExpand: []
        }
    }

    /// A case with every field filled, to try the rule's commands on.
    static func sampleCase(_ kind: Entity.Kind) -> TriageCase {
        var item = TriageCase(
            id: "sample", label: .tp, scenario: "sample", entity: Entity(type: kind, name: "sample", id: "sample-id"),
            alertCount: 5, timeWindowMinutes: 10, maxRiskScore: 73
        )
        for keyPath in CaseFields.lists.values { item[keyPath: keyPath] = ["a", "b", "c"] }
        return item
    }
}
