internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// The per-case part of a group's HTML section: one row per case (its samples folded, with their verdicts), grouped
/// by outcome in `<details>` (filterable without script). The first few cases of each list show every sample's
/// rendered prompt, raw answer and both parses; the rest are rows.
enum HTMLCaseList {
    static func render(_ group: RunAnalysis.Group, analysis: RunAnalysis, limits: ReportLimits, into html: inout HTML) {
        let failing = Set(group.parseFailures.map(\.caseID))
        var errored = Set<String>()
        for result in group.results where result.evaluation.isError { errored.insert(result.caseID) }
        let lists: [(String, CaseOutcomeList, Bool)] = [
            ("Missed attacks (label TP, no alert by majority; unanswered counts as missed)", CaseOutcomeList(group.cases, where: \.isMissedAttack), true),
            ("False alarms (label FP, alert by majority)", CaseOutcomeList(group.cases, where: \.isFalseAlarm), true),
            ("Parse failures (strict), with the raw answer", CaseOutcomeList(group.cases) { failing.contains($0.caseID) }, true),
            ("Unanswered samples (provider errors, never run)", CaseOutcomeList(group.cases) { $0.unanswered > 0 || errored.contains($0.caseID) }, false),
            ("Correct decisions", CaseOutcomeList(group.cases) { !$0.isWrong() }, false),
        ]
        // Only the cases a list shows need their results.
        let byCase = group.results(ofCases: lists.flatMap { $0.1.prefix(limits.detailedCases + limits.listedCases).map(\.caseID) })
            .mapValues { $0.map(group.detailed) }
        html.element("h3", "Cases")
        html.element("p", ["class": "muted"], "One row per case, its samples folded (verdict, confidence, decision per sample). Open a list, then a case. The first \(limits.detailedCases) cases of a list show, per sample, the exact prompt sent, the raw answer and both parses; up to \(limits.listedCases) more are listed as rows. `triage-eval results export --run \(analysis.run.id)` has every result.")
        for (title, outcomes, wrong) in lists where !outcomes.isEmpty {
            html.element("details", ["class": "group"]) { html in
                html.element("summary", ["class": wrong ? "bad" : ""], "\(title): \(outcomes.count) cases")
                for outcome in outcomes.prefix(limits.detailedCases) {
                    html.element("details", ["class": "case"]) { html in
                        html.element("summary", "\(outcome.caseID) · label \(outcome.label.rawValue) · \(outcome.samplesText)")
                        if let note = analysis.caseNote(outcome.caseID) { html.element("p", ["class": "muted"], note) }
                        html.element("p") { html in HTMLDocuments.link(byCase[outcome.caseID]?.first, analysis: analysis, into: &html) }
                        for result in byCase[outcome.caseID] ?? [] {
                            detailed(result, analysis: analysis, into: &html)
                        }
                    }
                }
                let rows = outcomes.dropFirst(limits.detailedCases).prefix(limits.listedCases)
                if !rows.isEmpty {
                    html.element("table") { html in
                        html.row(["case", "label", "scenario", "samples", "notes / source", "raw answer (first sample, start)", "documents"], header: true)
                        for outcome in rows {
                            let result = byCase[outcome.caseID]?.first
                            let first = result?.evaluation
                            html.element("tr") { html in
                                for cell in [
                                    outcome.caseID, outcome.label.rawValue, outcome.scenario, outcome.samplesText, analysis.caseNote(outcome.caseID) ?? "",
                                    String((first?.response ?? first?.error ?? "").prefix(120)),
                                ] { html.element("td", cell) }
                                html.element("td") { html in HTMLDocuments.link(result, analysis: analysis, into: &html) }
                            }
                        }
                    }
                }
                let hidden = outcomes.count - min(outcomes.count, limits.detailedCases + limits.listedCases)
                if hidden > 0 {
                    html.element("p", ["class": "muted"], "\(hidden) more cases not shown here (report limit); see results export.")
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
        html.element("details", ["class": "case sample"]) { html in
            let summary = "\(result.caseID) #\(result.key.sample) · label \(result.label.rawValue) → \(decision(result)) · \(strict?.status.rawValue ?? "error") · verdict \(strict?.rawVerdict ?? "—") · confidence \(strict?.rawConfidence ?? "—")"
            html.element("summary", summary)
            html.element("dl") { html in
                field("label / scenario", "\(result.label.rawValue) · \(result.scenario)", into: &html)
                if CaseDocumentIndex.link(for: result, in: analysis) != nil {
                    html.element("dt", "documents")
                    html.element("dd") { html in HTMLDocuments.link(result, analysis: analysis, into: &html) }
                }
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
