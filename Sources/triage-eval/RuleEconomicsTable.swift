import Foundation
import TriageEval
import TriageEvalEngine
import TriageEvalReports
import TriageEvalStore

/// Per rule prompt run over case documents: rows produced, judged and cut (LIMIT, the COMPLETION cap),
/// null prompts, cases not judged; calls and cost per day on the rule's schedule at each model's price;
/// after a run, precision/recall, error rate and the share of executions one failed call would have lost.
enum RuleEconomicsTable {
    /// What the table reads of a plan: each rule prompt's executions over case documents, and the models. Taken
    /// before a run executes, so the plan (every planned case) is not held while the run is scored.
    struct Input: Sendable {
        var rules: [(version: PromptVersion, rule: RulePrompt, executions: [RuleExecution])] = []
        var models: [RunPlan.Model]

        init(_ plan: RunPlan) {
            models = plan.models
            for (promptIndex, prompt) in plan.prompts.enumerated() {
                guard let rule = prompt.version.rule, !plan.executions[promptIndex].isEmpty else { continue }
                // Robustness variants are not production traffic: left out of what running the rule costs.
                let executions = plan.executions[promptIndex].keys.sorted().filter { !plan.cases[$0].isVariant }.compactMap { plan.executions[promptIndex][$0] }
                rules.append((prompt.version, rule, executions))
            }
        }
    }

    /// Nil when no prompt of the plan is a rule executed over documents.
    static func render(_ input: Input, analysis: RunAnalysis? = nil) -> String? {
        var rows: [[String]] = []
        for (version, rule, executions) in input.rules {
            let economics = RuleEconomics(executions: executions, intervalMillis: rule.rule.intervalMillis)
            let texts = executions.flatMap(\.judged).compactMap(\.prompt)
            for model in input.models {
                let costPerCall = texts.isEmpty ? nil : texts.reduce(0.0) { $0 + CostEstimate.usd(model.config, prompt: $1) } / Double(texts.count)
                let group = analysis?.group(prompt: version.key, model: model.config.id)
                let answered = group.map { $0.results.count - $0.errorCount }
                let errorRate = group.flatMap { $0.results.isEmpty ? nil : Double($0.errorCount) / Double($0.results.count) }
                rows.append([
                    version.key, model.config.id, String(economics.executions), String(economics.rowsProduced), String(economics.rowsJudged),
                    "\(economics.cutByLimit)/\(economics.cutByCap)", String(economics.nullPrompts), String(economics.notJudged),
                    economics.callsPerDay.map { String(format: "%.1f", $0) } ?? "n/a",
                    model.config.price == nil ? (model.config.provider.isOffline ? "$0 (offline)" : "no price")
                        : (economics.callsPerDay.flatMap { perDay in costPerCall.map { String(format: "$%.4f", perDay * $0) } } ?? "n/a"),
                    group.map { answered == 0 ? "n/a" : Formatting.metric($0.overall.alert.precision) } ?? "-",
                    group.map { answered == 0 ? "n/a" : Formatting.metric($0.overall.alert.recall) } ?? "-",
                    errorRate.map { Formatting.percent(economics.lostExecutionShare(errorRate: $0)) } ?? "-",
                ])
            }
        }
        guard !rows.isEmpty else { return nil }
        var out = "rules over case documents (one execution per case; LIMIT/cap = rows cut by the query's LIMIT / COMPLETION's \(RuleExecution.completionRowCap)-row cap):\n"
        out += TextTable(
            header: ["prompt", "model", "executions", "rows", "judged", "cut LIMIT/cap", "null prompt", "not judged", "calls/day", "cost/day", "precision", "recall", "executions lost"],
            rows: rows, rightAligned: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        ).render()
        out += "\ncalls/day = mean calls per execution × executions per day (rule interval); cost/day at the model's price, "
        out += "input ≈ prompt bytes / 4, output = max_tokens (an upper bound); executions lost = mean of 1 − (1 − error rate)^calls: "
        out += "one failed call fails the whole query, which then raises no alert"
        return out
    }
}
