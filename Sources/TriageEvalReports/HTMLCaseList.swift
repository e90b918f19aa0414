internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// The per-case part of a group's HTML section: results grouped by outcome in `<details>` (filterable without
/// script). The first few of each list show the rendered prompt, the raw answer and both parses; the rest are rows.
enum HTMLCaseList {
    static func render(_ group: RunAnalysis.Group, analysis: RunAnalysis, limits: ReportLimits, into html: inout HTML) {
        let answered = group.results.filter { !$0.evaluation.isError }
        let lists: [(String, [StoredResult], Bool)] = [
            ("Missed attacks (label TP, no alert)", answered.filter { $0.label == .tp && !$0.evaluation.alert }, true),
            ("False alarms (label FP, alert)", answered.filter { $0.label == .fp && $0.evaluation.alert }, true),
            ("Parse failures (strict), with the raw answer", group.parseFailures, true),
            ("Provider errors", group.results.filter(\.evaluation.isError), false),
            ("Correct decisions", answered.filter { $0.evaluation.alert == ($0.label == .tp) }, false),
        ]
        html.element("h3", "Cases")
        html.element("p", ["class": "muted"], "Open a list, then a case. The first \(limits.detailedCases) of a list show the exact prompt sent, the raw answer and both parses; up to \(limits.listedCases) more are listed as rows. `triage-eval results export --run \(analysis.run.id)` has every result.")
        for (title, results, wrong) in lists where !results.isEmpty {
            html.element("details", ["class": "group"]) { html in
                html.element("summary", ["class": wrong ? "bad" : ""], "\(title): \(results.count)")
                for result in results.prefix(limits.detailedCases) {
                    detailed(result, analysis: analysis, into: &html)
                }
                let rows = results.dropFirst(limits.detailedCases).prefix(limits.listedCases)
                if !rows.isEmpty {
                    html.element("table") { html in
                        html.row(["case", "sample", "label", "scenario", "parse", "verdict", "confidence", "decision", "raw answer (start)"], header: true)
                        for result in rows {
                            let strict = result.evaluation.strict
                            html.row([
                                result.caseID, "\(result.key.sample)", result.label.rawValue, result.scenario, strict?.status.rawValue ?? "error",
                                strict?.rawVerdict ?? "", strict?.rawConfidence ?? "", decision(result),
                                String((result.evaluation.response ?? result.evaluation.error ?? "").prefix(120)),
                            ])
                        }
                    }
                }
                let hidden = results.count - min(results.count, limits.detailedCases + limits.listedCases)
                if hidden > 0 {
                    html.element("p", ["class": "muted"], "\(hidden) more not shown here (report limit); see results export.")
                }
            }
        }
    }

    static func decision(_ result: StoredResult) -> String {
        result.evaluation.isError ? "error" : (result.evaluation.alert ? "alert" : "no alert")
    }

    static func detailed(_ result: StoredResult, analysis: RunAnalysis, into html: inout HTML) {
        let evaluation = result.evaluation
        let strict = evaluation.strict
        html.element("details", ["class": "case"]) { html in
            let summary = "\(result.caseID) #\(result.key.sample) · label \(result.label.rawValue) → \(decision(result)) · \(strict?.status.rawValue ?? "error") · verdict \(strict?.rawVerdict ?? "—") · confidence \(strict?.rawConfidence ?? "—")"
            html.element("summary", summary)
            html.element("dl") { html in
                field("label / scenario", "\(result.label.rawValue) · \(result.scenario)", into: &html)
                if !result.tags.isEmpty { field("tags", result.tags.joined(separator: ", "), into: &html) }
                field("decision", "strict: \(evaluation.alert ? "alert" : "no alert") · lenient: \(evaluation.lenientAlert ? "alert" : "no alert")", into: &html)
                if let strict { field("strict parse", parse(strict), into: &html) }
                if let lenient = evaluation.lenient { field("lenient parse", parse(lenient), into: &html) }
                if let summary = strict?.summary ?? evaluation.lenient?.summary { field("summary", summary, into: &html) }
                html.element("dt", "raw answer")
                html.element("dd") { html in html.element("pre", evaluation.response ?? evaluation.error ?? "") }
                html.element("dt", "prompt sent")
                html.element("dd") { html in
                    if let prompt = analysis.renderedPrompt(result) {
                        html.element("details") { html in
                            html.element("summary", "\(prompt.count) characters")
                            html.element("pre", prompt)
                        }
                    } else {
                        html.element("span", ["class": "muted"], "not available (prompt or case revision not in the store)")
                    }
                }
            }
        }
    }

    static func field(_ name: String, _ value: String, into html: inout HTML) {
        html.element("dt", name)
        html.element("dd", value)
    }

    static func parse(_ answer: ParsedAnswer) -> String {
        var parts = ["status \(answer.status.rawValue)"]
        if let verdict = answer.rawVerdict { parts.append("verdict \"\(verdict)\"" + (answer.verdict.map { $0 == verdict ? "" : " → \($0)" } ?? "")) }
        if let confidence = answer.rawConfidence { parts.append("confidence \"\(confidence)\"" + (answer.confidence.map { " → \($0)" } ?? " → null")) }
        if !answer.flags.isEmpty { parts.append("flags \(answer.flags.map(\.rawValue).joined(separator: ", "))") }
        return parts.joined(separator: " · ")
    }
}
