internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// The HTML report: one self-contained file (inline CSS and SVG, no script, no external resource, a
/// Content-Security-Policy), readable offline and in a CI artifact viewer. Every data string is escaped.
public enum HTMLReport {
    public static func render(_ analysis: RunAnalysis, limits: ReportLimits = .standard) -> String {
        var html = HTML()
        page(&html, title: "triage-eval run \(analysis.run.id)") { html in
            header(analysis, into: &html)
            html.element("h2", ["id": "summary"], "Summary")
            caseSummary(analysis, limits: limits, into: &html)
            html.element("h2", ["id": "metrics"], "Metrics (every answered sample)")
            summaryTable(analysis.groups, into: &html)
            html.element("h2", ["id": "format"], "Strict vs lenient parse: right verdict, broken format")
            formatTable(analysis.groups, into: &html)
            structuredOutputs(analysis.structuredOutputs, into: &html)
            html.element("h2", ["id": "thresholds"], "Threshold operating points")
            operatingPoints(analysis.groups, into: &html)
            HTMLRobustness.render(analysis.robustness, limits: limits, into: &html)
            for (index, group) in analysis.groups.enumerated() {
                HTMLGroupSection.render(group, anchor: "g\(index)", analysis: analysis, limits: limits, into: &html)
            }
            ContextLossSection.html(analysis.contextLoss, into: &html)
            HTMLDocuments.render(CaseDocumentIndex(analysis), into: &html)
        }
        return html.output
    }

    /// The document shell: doctype, charset, CSP, style sheet, body.
    static func page(_ html: inout HTML, title: String, body: (inout HTML) -> Void) {
        html.trusted("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        html.trusted("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        html.trusted(HTMLStyle.contentSecurityPolicy)
        html.trusted("\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"referrer\" content=\"no-referrer\">")
        html.element("title", title)
        html.trusted("<style>")
        html.trusted(HTMLStyle.sheet)
        html.trusted("</style></head><body>")
        body(&html)
        html.trusted("</body></html>\n")
    }

    static func header(_ analysis: RunAnalysis, into html: inout HTML) {
        let run = analysis.run
        html.element("h1", "triage-eval run \(run.id)")
        var meta = "Status \(run.status.rawValue) · \(Formatting.count(run.planned, "evaluation")) · samples \(run.samples) · tool \(run.toolVersion)"
        if let commit = run.gitCommit { meta += " · commit \(commit.prefix(12))" }
        meta += " · started \(ISO8601DateFormatter().string(from: run.startedAt))"
        if run.costUSD > 0 { meta += " · cost \(Formatting.cost(run.costUSD))" }
        html.element("p", ["class": "muted"], meta)
        html.element("p", ["class": "note"], "An alert is raised when the strict (production) parse gives an alerting verdict whose confidence passes the rule's own test (its operator and threshold, e.g. > 0.7), exactly as the rule's DISSECT, TO_DOUBLE and WHERE do. Intervals are Wilson 95%. The summary counts cases; the metrics count every answered sample; provider errors are counted apart. n/a: undefined (no denominator).")
        html.element("nav") { html in
            html.element("a", ["href": "#summary"], "Summary")
            html.element("a", ["href": "#metrics"], "Metrics")
            html.element("a", ["href": "#format"], "Strict vs lenient")
            html.element("a", ["href": "#thresholds"], "Thresholds")
            if !analysis.robustness.isEmpty { html.element("a", ["href": "#robustness"], "Robustness") }
            for (index, group) in analysis.groups.enumerated() {
                html.element("a", ["href": "#g\(index)"], group.name)
            }
            if analysis.cases.values.contains(where: { $0.documents?.isEmpty == false }) {
                html.element("a", ["href": "#documents"], "Case documents")
            }
        }
    }

    /// Per prompt × model, in cases: missed attacks, false alarms, FPR, must-alert failures, flip rate; then
    /// every missed attack and false alarm with its samples and notes.
    static func caseSummary(_ analysis: RunAnalysis, limits: ReportLimits, into html: inout HTML) {
        let summaries = analysis.groups.map(\.caseSummary)
        html.element("table", ["class": "num"]) { html in
            html.row(["prompt", "model", "cases · samples", "missed attacks", "false alarms", "FPR (cases)", "must-alert failures", "flip rate", "provider errors"], header: true)
            for (group, s) in zip(analysis.groups, summaries) {
                html.row([
                    group.prompt, group.model, "\(s.cases) · \(s.samples)", CaseSummary.countText(s.missedAttacks.count, of: s.attacks),
                    CaseSummary.countText(s.falseAlarms.count, of: s.benign), Formatting.metric(s.fpr), "\(s.mustAlertFailures.count)",
                    Formatting.metric(s.flipRate), "\(group.errorCount)",
                ], class: s.missedAttacks.isEmpty && s.falseAlarms.isEmpty && s.mustAlertFailures.isEmpty ? nil : "fail")
            }
        }
        html.element("p", ["class": "muted"], "Counts are cases: each case's samples folded by majority, an unanswered sample (provider error, never run) counting as wrong, so an errored attack is a missed attack.")
        let cap = limits.detailedCases + limits.listedCases
        for (group, s) in zip(analysis.groups, summaries) {
            for (title, outcomes) in [("missed attacks", s.missedAttacks), ("false alarms", s.falseAlarms)] where !outcomes.isEmpty {
                html.element("details", ["class": "group"]) { html in
                    html.element("summary", ["class": "bad"], "\(group.name) · \(title): \(outcomes.count)")
                    html.element("table") { html in
                        html.row(["case", "scenario", "samples", "notes / source"], header: true)
                        for outcome in outcomes.prefix(cap) {
                            html.row([outcome.caseID, outcome.scenario, outcome.samplesText, analysis.caseNote(outcome.caseID) ?? ""])
                        }
                    }
                    if outcomes.count > cap {
                        html.element("p", ["class": "muted"], "\(outcomes.count - cap) more not shown here (report limit); see results export.")
                    }
                }
            }
        }
    }

    static func summaryTable(_ groups: [RunAnalysis.Group], into html: inout HTML) {
        html.element("table", ["class": "num"]) { html in
            html.row(["prompt", "model", "alert when", "n", "errors", "precision", "recall", "F1", "FPR", "ECE", "Brier", "parse failures", "tokens in / out", "cost", "latency p50 / p95"], header: true)
            for group in groups {
                let m = group.overall, a = m.alert
                html.open("tr")
                for text in [group.prompt, group.model, group.decisionText, "\(m.n)", "\(group.errorCount)"] { html.element("td", text) }
                intervalCell(a.definedPrecision, a.precisionCI95, into: &html)
                intervalCell(a.definedRecall, a.recallCI95, into: &html)
                html.element("td", Formatting.metric(a.definedF1))
                intervalCell(a.definedFPR, .wilson(successes: a.fp, trials: a.fp + a.tn), into: &html)
                for text in [
                    Formatting.metric(m.calibration.ece), Formatting.metric(m.calibration.brier),
                    "\(m.parseFailures) (\(Formatting.percent(m.definedParseFailureRate)))",
                    "\(group.usage.inputTokens) / \(group.usage.outputTokens)", Formatting.cost(group.usage.costUSD),
                    "\(Formatting.milliseconds(group.usage.latencyP50Ms)) / \(Formatting.milliseconds(group.usage.latencyP95Ms))",
                ] {
                    html.element("td", text)
                }
                html.close("tr")
            }
        }
        html.element("p", ["class": "muted"], "Below each rate: its Wilson 95% interval. Latency: calls made (cached answers excluded). Cost at the model's configured price.")
    }

    /// A rate with its 95% interval on a second, smaller line.
    static func intervalCell(_ value: Double?, _ interval: ConfidenceInterval?, into html: inout HTML) {
        html.element("td") { html in
            html.text(Formatting.metric(value))
            if let interval {
                html.trusted("<br>")
                html.element("span", ["class": "ci"], "[\(Formatting.metric(interval.lower)), \(Formatting.metric(interval.upper))]")
            }
        }
    }

    static func formatTable(_ groups: [RunAnalysis.Group], into html: inout HTML) {
        html.element("p", "What production loses to format failures alone: the lenient parse reads the model's intent; the strict parse is what the rule sees.")
        html.element("table", ["class": "num"]) { html in
            html.row(["prompt", "model", "answered", "strict parse failures", "lenient parse failures", "attacks lost to format (right verdict, broken format)", "unparsed, lenient decision right", "false alarms the format spared", "recall strict → lenient", "precision strict → lenient"], header: true)
            for group in groups {
                let loss = group.formatLoss, strict = group.overall.alert
                html.row([
                    group.prompt, group.model, "\(loss.answered)", "\(loss.strictFailures)", "\(loss.lenientFailures)", "\(loss.alertsLost)",
                    "\(loss.rightButUnparsed)", "\(loss.falseAlarmsAvoided)",
                    "\(Formatting.metric(strict.definedRecall)) → \(Formatting.metric(loss.lenientAlert.definedRecall))",
                    "\(Formatting.metric(strict.definedPrecision)) → \(Formatting.metric(loss.lenientAlert.definedPrecision))",
                ], class: loss.alertsLost > 0 ? "fail" : nil)
            }
        }
    }

    static func operatingPoints(_ groups: [RunAnalysis.Group], into html: inout HTML) {
        html.element("table", ["class": "num"]) { html in
            html.row(["prompt", "model", "point", "alert when confidence", "precision", "recall", "F1", "FPR", "TP", "FP", "FN"], header: true)
            for group in groups {
                if let note = group.sweepNote {
                    html.row([group.prompt, group.model, "n/a", note, "", "", "", "", "", "", ""])
                    continue
                }
                for point in OperatingPoint.all(group.sweep) {
                    guard let metrics = point.metrics else {
                        html.row([group.prompt, group.model, point.name, point.unreachable, "", "", "", "", "", "", ""], class: "fail")
                        continue
                    }
                    html.row([
                        group.prompt, group.model, point.name, "\(group.sweep.comparison.rawValue) \(Formatting.threshold(metrics.threshold))",
                        Formatting.metric(metrics.definedPrecision), Formatting.metric(metrics.definedRecall), Formatting.metric(metrics.definedF1),
                        Formatting.metric(metrics.definedFPR), "\(metrics.tp)", "\(metrics.fp)", "\(metrics.fn)",
                    ])
                }
            }
        }
    }
}
