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
            summaryTable(analysis.groups, into: &html)
            html.element("h2", ["id": "format"], "Strict vs lenient parse: right verdict, broken format")
            formatTable(analysis.groups, into: &html)
            html.element("h2", ["id": "thresholds"], "Threshold operating points")
            operatingPoints(analysis.groups, into: &html)
            for (index, group) in analysis.groups.enumerated() {
                HTMLGroupSection.render(group, anchor: "g\(index)", analysis: analysis, limits: limits, into: &html)
            }
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
        html.element("p", ["class": "note"], "An alert is raised when the strict (production) parse gives an alerting verdict with confidence strictly greater than the prompt's threshold, exactly as the rule's DISSECT, TO_DOUBLE and WHERE do. Intervals are Wilson 95%. Metrics count every sample; provider errors are counted apart.")
        html.element("nav") { html in
            html.element("a", ["href": "#summary"], "Summary")
            html.element("a", ["href": "#format"], "Strict vs lenient")
            html.element("a", ["href": "#thresholds"], "Thresholds")
            for (index, group) in analysis.groups.enumerated() {
                html.element("a", ["href": "#g\(index)"], group.name)
            }
        }
    }

    static func summaryTable(_ groups: [RunAnalysis.Group], into html: inout HTML) {
        html.element("table", ["class": "num"]) { html in
            html.row(["prompt", "model", "n", "errors", "precision", "recall", "F1", "FPR", "ECE", "Brier", "parse failures", "tokens in / out", "cost", "latency p50 / p95"], header: true)
            for group in groups {
                let m = group.overall, a = m.alert
                html.open("tr")
                for text in [group.prompt, group.model, "\(m.n)", "\(group.errorCount)"] { html.element("td", text) }
                intervalCell(a.precision, a.precisionCI95, into: &html)
                intervalCell(a.recall, a.recallCI95, into: &html)
                html.element("td", Formatting.metric(a.f1))
                intervalCell(a.fpr, .wilson(successes: a.fp, trials: a.fp + a.tn), into: &html)
                for text in [
                    Formatting.metric(m.calibration.ece), Formatting.metric(m.calibration.brier),
                    "\(m.parseFailures) (\(Formatting.percent(m.parseFailureRate)))",
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
    static func intervalCell(_ value: Double, _ interval: ConfidenceInterval?, into html: inout HTML) {
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
                    "\(Formatting.metric(strict.recall)) → \(Formatting.metric(loss.lenientAlert.recall))",
                    "\(Formatting.metric(strict.precision)) → \(Formatting.metric(loss.lenientAlert.precision))",
                ], class: loss.alertsLost > 0 ? "fail" : nil)
            }
        }
    }

    static func operatingPoints(_ groups: [RunAnalysis.Group], into html: inout HTML) {
        html.element("table", ["class": "num"]) { html in
            html.row(["prompt", "model", "point", "threshold (>)", "precision", "recall", "F1", "FPR", "TP", "FP", "FN"], header: true)
            for group in groups {
                let sweep = group.sweep
                let points: [(String, AlertMetrics)] = [
                    ("production", sweep.production), ("best F1", sweep.bestF1),
                    ("recall-first (≥ \(Formatting.metric(sweep.recallTarget)))", sweep.recallFirst),
                ]
                for (name, point) in points {
                    html.row([
                        group.prompt, group.model, name, Formatting.threshold(point.threshold), Formatting.metric(point.precision),
                        Formatting.metric(point.recall), Formatting.metric(point.f1), Formatting.metric(point.fpr), "\(point.tp)", "\(point.fp)", "\(point.fn)",
                    ])
                }
            }
        }
    }
}
