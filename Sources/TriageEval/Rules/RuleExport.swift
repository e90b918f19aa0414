internal import Foundation
import EsqlEngine

/// Turns a prompt version back into a rule: the `| eval instructions = "…"` line, or a copy of a
/// rule file with that line and the `COMPLETION`'s `inference_id` replaced and every other line byte-identical.
public enum RuleExport {
    /// The instructions a prompt version sends after the case context: a rule's `instructions`
    /// `EVAL` string, or a template's text after its last `{{…}}` tag.
    public static func instructions(of prompt: PromptVersion) throws(InputError) -> String {
        if let rule = prompt.rule {
            guard let (_, text) = instructionsAssignment(rule.rule) else {
                throw InputError(file: prompt.file, field: "rule.query", message: "has no `EVAL instructions = \"…\"` string")
            }
            return text
        }
        guard let close = prompt.template.range(of: "}}", options: .backwards) else { return prompt.template }
        var rest = prompt.template[close.upperBound...]
        if rest.hasPrefix("}") { rest = rest.dropFirst() }
        return String(rest)
    }

    /// `| eval instructions = "…"`, escaped for ES|QL.
    public static func instructionsLine(_ instructions: String) -> String {
        "| eval instructions = \(EsqlStringLiteral.quote(instructions))"
    }

    /// A copy of `ruleText` with the instructions line and (when given) the inference id replaced.
    /// The replaced rule is read back and must yield the same instructions.
    public static func rewrite(ruleText: String, file: String, instructions: String, inferenceID: String?) throws(InputError) -> String {
        let rule = try DetectionRule(toml: ruleText, file: file)
        guard let (evalLine, oldInstructions) = instructionsAssignment(rule) else {
            throw InputError(file: file, field: "rule.query", message: "has no `EVAL instructions = \"…\"` line to replace")
        }
        var lines = ruleText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let instructionsIndex = rule.queryLine + evalLine - 2
        guard let range = lines[instructionsIndex].range(of: EsqlStringLiteral.quote(oldInstructions)) else {
            throw InputError(file: file, line: instructionsIndex + 1, message: "the instructions string must be on the EVAL's line, as one \"…\" literal, to be replaced")
        }
        let literal = EsqlStringLiteral.quote(instructions)
        guard !literal.contains("'''") else { throw InputError(file: file, message: "the instructions contain ''', which a TOML ''' string cannot hold") }
        lines[instructionsIndex].replaceSubrange(range, with: literal)
        if let inferenceID {
            let completionIndex = rule.queryLine + rule.pipeline.completion.line - 2
            let old = EsqlStringLiteral.quote(rule.inferenceID)
            guard let range = lines[completionIndex].range(of: old) else {
                throw InputError(file: file, line: completionIndex + 1, message: "the COMPLETION's inference_id must be on its line to be replaced")
            }
            lines[completionIndex].replaceSubrange(range, with: EsqlStringLiteral.quote(inferenceID))
        }
        let rewritten = lines.joined(separator: "\n")
        let check = try DetectionRule(toml: rewritten, file: file)
        guard instructionsAssignment(check)?.text == instructions, check.inferenceID == inferenceID ?? rule.inferenceID else {
            throw InputError(file: file, line: instructionsIndex + 1, message: "the rewritten rule does not read back the same instructions")
        }
        return rewritten
    }

    /// The line (within the query) and value of the rule's `EVAL instructions = "…"`.
    static func instructionsAssignment(_ rule: DetectionRule) -> (line: Int, text: String)? {
        for case .eval(let assignments, let line) in rule.pipeline.context {
            for assignment in assignments where assignment.name.hasSuffix("instructions") {
                if case .literal(.string(let text), _) = assignment.expression { return (line, text) }
            }
        }
        return nil
    }
}
