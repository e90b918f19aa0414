import Foundation
import TriageEval
import TriageEvalEngine
import TriageEvalReports
import TriageEvalProviders

/// `triage-eval try` output: each step of one round trip under its own heading.
enum TrialReport {
    static func render(_ result: Trial.Result) -> String {
        let model = result.model
        let target = [model.provider.rawValue, model.model].compactMap { $0 }.joined(separator: " ")
        var out = "── \(result.prompt.key) × case \(result.caseItem.id) (\(result.caseItem.label.rawValue)) → model \(model.id) (\(target))\n"
        if let trace = result.trace { out += "── rule execution over the case's documents\n\(trace)" }
        if let system = result.system {
            out += "── rendered system message (\(system.utf8.count) bytes\(escapedNote(system)))\n\(system)\n"
        }
        out += "── rendered \(result.system == nil ? "prompt" : "user message") (\(result.rendered.utf8.count) bytes\(escapedNote(result.rendered)))\n\(result.rendered)\n"
        if let loss = result.contextLoss { out += "── context loss (what the rendering lost of the case's documents)\n\(ContextLossText.render(loss))\n" }
        if let schema = result.prompt.schema(sentBy: model) {
            out += "── JSON schema sent with structured outputs (name \(schema.name), \(schema.text.utf8.count) bytes)\n\(schema.text)\n"
        }
        guard let response = result.response, let evaluation = result.evaluation else {
            out += "── call failed after \(milliseconds(result.latencyMs)): \(result.error.map(\.description) ?? "unknown error")"
            return out
        }
        let tokens = [response.inputTokens.map { "\($0) in" }, response.outputTokens.map { "\($0) out" }].compactMap { $0 }
        let detail = ([milliseconds(result.latencyMs)] + (tokens.isEmpty ? [] : [tokens.joined(separator: " / ") + " tokens"])
            + (response.refused ? ["refused"] : [])).joined(separator: ", ")
        out += "── raw answer (\(detail)\(escapedNote(response.text)))\n\(response.text)\n"
        out += "── strict parse (the rule's DISSECT + TO_DOUBLE): \(parse(evaluation.strict))\n"
        out += "── lenient parse: \(parse(evaluation.lenient))\n"
        let policy = result.prompt.decision
        let rule = result.prompt.rule.map { "the rule's own DISSECT/EVAL/WHERE after COMPLETION: \($0.rule.name)" }
            ?? policy.condition.map { "decision.where \($0)" }
            ?? (result.prompt.output.layer.hasNumericScore
                ? "verdict in [\(policy.alertVerdicts.joined(separator: ", "))] and confidence \(Formatting.rule(policy))"
                : "verdict in [\(policy.alertVerdicts.joined(separator: ", "))]; the prompt's answers carry no score")
        if let error = evaluation.error {
            out += "── decision: ERROR, no decision (\(rule)): \(error)"
            return out
        }
        out += "── decision: \(evaluation.alert ? "ALERT" : "no alert") (\(rule))"
        if evaluation.lenientAlert != evaluation.alert {
            out += "\n   the lenient parse would \(evaluation.lenientAlert ? "alert" : "not alert"): the answer's format changes the outcome"
        }
        return out
    }

    static func parse(_ answer: ParsedAnswer?) -> String {
        guard let answer else { return "none" }
        var fields = ["status=\(answer.status.rawValue)"]
        if let verdict = answer.verdict { fields.append("verdict=\(verdict)") }
        if let confidence = answer.confidence { fields.append("confidence=\(confidence)") }
        if let level = answer.confidenceLevel { fields.append("level=\(level)") }
        if let summary = answer.summary { fields.append("summary=\(summary)") }
        if let declared = answer.fields, !declared.isEmpty {
            fields.append("fields={" + declared.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}")
        }
        return fields.joined(separator: " ")
    }

    /// Says that the terminal shows `text`'s control characters escaped (the model sent or received them raw).
    static func escapedNote(_ text: String) -> String {
        let count = TerminalText.unsafeCount(in: text)
        return count == 0 ? "" : "; \(count) control or bidirectional character\(count == 1 ? "" : "s") shown escaped as \\u{…}"
    }

    static func milliseconds(_ value: Double) -> String { String(format: "%.0f ms", value) }
}
