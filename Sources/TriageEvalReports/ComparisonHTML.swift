internal import TriageEval
internal import TriageEvalStore

/// The comparison as a self-contained HTML page. Every data string is escaped.
public enum ComparisonHTML {
    public static func render(_ comparison: RunComparison) -> String {
        let s = comparison.statistics
        var html = HTML()
        HTMLReport.page(&html, title: "triage-eval compare") { html in
            html.element("h1", "triage-eval compare")
            html.element("p", "Base: \(comparison.base.name) → candidate: \(comparison.candidate.name)")
            html.element("p", ["class": "note"], comparison.verdict)
            html.element("p", comparison.coverage)
            html.element("h2", "Flipped cases (\(comparison.flipped.count): \(s.b) regressions first, then \(s.c) improvements)")
            for flipped in comparison.flipped {
                let flip = flipped.flip
                html.element("details", ["class": "case"]) { html in
                    html.element("summary", ["class": flip.improved ? "good" : "bad"], "\(flip.caseID) · label \(flip.label.rawValue) · base \(ComparisonMarkdown.decision(flip.baseAlert, flip.label)) → candidate \(ComparisonMarkdown.decision(flip.candidateAlert, flip.label))")
                    html.element("dl") { html in
                        html.element("dt", "base answer")
                        html.element("dd") { html in html.element("pre", flipped.base?.evaluation.response ?? "—") }
                        html.element("dt", "candidate answer")
                        html.element("dd") { html in html.element("pre", flipped.candidate?.evaluation.response ?? "—") }
                    }
                }
            }
            html.element("h2", "Metrics (paired cases, sample 0)")
            html.element("table", ["class": "num"]) { html in
                html.row(["metric", "base", "candidate", "Δ"], header: true)
                for row in comparison.metricRows {
                    html.row([row.name, Formatting.metric(row.base), Formatting.metric(row.candidate), Formatting.delta(ComparisonMarkdown.difference(row.base, row.candidate))])
                }
                for row in comparison.countRows {
                    html.row([row.name, "\(row.base)", "\(row.candidate)", ComparisonMarkdown.signed(row.candidate - row.base)])
                }
            }
            html.element("p", "McNemar exact, overall: b = \(s.b) (base right, candidate wrong), c = \(s.c) (base wrong, candidate right), p = \(Formatting.pValue(s.pValue)). Attacks: b = \(s.attacks.b), c = \(s.attacks.c), p = \(Formatting.pValue(s.attacks.pValue)). Benign: b = \(s.benign.b), c = \(s.benign.c), p = \(Formatting.pValue(s.benign.pValue)).")
            let bootstrap = s.bootstrap
            html.element("p", "Paired bootstrap (B = \(bootstrap.resamples), seed \(s.seed)): Δrecall \(ComparisonMarkdown.interval(bootstrap.deltaRecall, bootstrap.deltaRecallCI95)), Δprecision \(ComparisonMarkdown.interval(bootstrap.deltaPrecision, bootstrap.deltaPrecisionCI95)).")
            html.element("h2", "By scenario (paired cases, sample 0)")
            html.element("table", ["class": "num"]) { html in
                html.row(["scenario", "attacks", "missed base → candidate", "recall base → candidate", "Δrecall", "benign", "false alarms base → candidate", "FPR base → candidate", "ΔFPR"], header: true)
                for row in comparison.scenarios {
                    let b = row.base, c = row.candidate
                    html.row([
                        row.scenario, "\(b.tp + b.fn)", "\(b.fn) → \(c.fn)", "\(Formatting.metric(b.definedRecall)) → \(Formatting.metric(c.definedRecall))",
                        Formatting.delta(ComparisonMarkdown.difference(b.definedRecall, c.definedRecall)), "\(b.fp + b.tn)", "\(b.fp) → \(c.fp)",
                        "\(Formatting.metric(b.definedFPR)) → \(Formatting.metric(c.definedFPR))", Formatting.delta(ComparisonMarkdown.difference(b.definedFPR, c.definedFPR)),
                    ], class: c.fn > b.fn || c.fp > b.fp ? "fail" : nil)
                }
            }
            for (title, header, rows) in comparison.declaredTables where !rows.isEmpty {
                html.element("h2", title)
                html.element("table", ["class": "num"]) { html in
                    html.row(header, header: true)
                    for row in rows { html.row(row) }
                }
            }
            comparison.robustness.html(into: &html)
            if !s.onlyInBase.isEmpty || !s.onlyInCandidate.isEmpty {
                html.element("p", ["class": "warn"], "Not paired (left out of the statistics): only in base \(s.onlyInBase.isEmpty ? "none" : s.onlyInBase.joined(separator: ", ")); only in candidate \(s.onlyInCandidate.isEmpty ? "none" : s.onlyInCandidate.joined(separator: ", ")).")
            }
            if let diff = comparison.promptDiff {
                html.element("h2", "Prompt diff")
                html.element("pre", diff)
            }
        }
        return html.output
    }
}
