import Foundation
import TriageEvalEngine

/// `run --dry-run` output: per model, what the run would call and cost.
enum DryRunTable {
    static func render(_ estimate: RunEstimate, maxCost: Double?) -> String {
        var rows = estimate.models.map { model in
            [
                model.id, String(model.evaluations), model.live ? String(model.cacheHits) : "-", model.live ? String(model.calls) : "offline",
                String(model.inputTokens), String(model.outputTokens), model.live && !model.priced ? "no price" : usd(model.costUSD),
            ]
        }
        rows.append([
            "total", String(estimate.evaluations), String(estimate.cacheHits), String(estimate.calls), String(estimate.inputTokens),
            String(estimate.outputTokens), usd(estimate.costUSD),
        ])
        var out = "dry run: nothing sent, nothing stored\n"
        out += TextTable(
            header: ["model", "evaluations", "cache hits", "requests", "est. input tokens", "est. output tokens", "est. cost"], rows: rows,
            rightAligned: [1, 2, 3, 4, 5, 6]
        ).render()
        out += "\ninput tokens ≈ prompt bytes / 4; output tokens = params.max_tokens (else \(CostEstimate.defaultOutputTokens)) per evaluation, an upper bound; retries not included"
        if estimate.variantEvaluations > 0 {
            out += "\nvariants add \(estimate.variantEvaluations) of these \(estimate.evaluations) evaluations (\(estimate.evaluations - estimate.variantEvaluations) without them)"
        }
        if let maxCost {
            out += "\n" + (estimate.costUSD <= maxCost ? "within --max-cost \(usd(maxCost))" : "exceeds --max-cost \(usd(maxCost)): the run would stop early")
        }
        return out
    }

    static func usd(_ value: Double) -> String { String(format: "$%.4f", value) }
}
