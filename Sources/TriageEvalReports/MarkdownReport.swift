internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// The Markdown report: fits a PR comment or `$GITHUB_STEP_SUMMARY`. Every data string is escaped.
public enum MarkdownReport {
    public static func render(_ analysis: RunAnalysis, limits: ReportLimits = .standard) -> String {
        var out = ""
        let run = analysis.run
        out += "# triage-eval run \(run.id)\n\n"
        out += "Status **\(run.status.rawValue)** · \(Formatting.count(run.planned, "evaluation")) · samples \(run.samples) · "
        out += "tool \(MarkdownText.escape(run.toolVersion))"
        if let commit = run.gitCommit { out += " · commit `\(commit.prefix(12).filter(\.isHexDigit))`" }
        out += " · started \(ISO8601DateFormatter().string(from: run.startedAt))\n\n"
        out += "Decision: an alert is raised when the strict (production) parse gives an alerting verdict with confidence **>** the prompt's threshold. "
        out += "Intervals are Wilson 95%.\n\n"

        out += "## Summary\n\n"
        out += "| prompt | model | n | errors | precision | recall | F1 | FPR | ECE | Brier | parse failures | tokens in / out | cost | latency p50 / p95 | alerts lost to format |\n"
        out += "|---|---|--:|--:|---|---|--:|---|--:|--:|--:|--:|--:|--:|--:|\n"
        for group in analysis.groups {
            let m = group.overall, a = m.alert
            out += "| \(MarkdownText.escape(group.prompt)) | \(MarkdownText.escape(group.model)) | \(m.n) | \(group.errorCount) | "
            out += "\(Formatting.withInterval(a.precision, a.precisionCI95)) | \(Formatting.withInterval(a.recall, a.recallCI95)) | "
            out += "\(Formatting.metric(a.f1)) | \(Formatting.withInterval(a.fpr, .wilson(successes: a.fp, trials: a.fp + a.tn))) | "
            out += "\(Formatting.metric(m.calibration.ece)) | \(Formatting.metric(m.calibration.brier)) | "
            out += "\(m.parseFailures) (\(Formatting.percent(m.parseFailureRate))) | \(group.usage.inputTokens) / \(group.usage.outputTokens) | "
            out += "\(Formatting.cost(group.usage.costUSD)) | \(Formatting.milliseconds(group.usage.latencyP50Ms)) / \(Formatting.milliseconds(group.usage.latencyP95Ms)) | "
            out += "\(group.alertsLostToFormat) |\n"
        }
        out += "\n"

        out += "## Strict vs lenient parse\n\n"
        out += "What production loses to format failures alone: the lenient parse reads the model's intent, the strict parse is what the rule sees.\n\n"
        out += "| prompt | model | strict failures | lenient failures | attacks lost to format (right verdict, broken format) | unparsed, lenient decision right | recall strict → lenient | precision strict → lenient |\n"
        out += "|---|---|--:|--:|--:|--:|--:|--:|\n"
        for group in analysis.groups {
            let loss = group.formatLoss, strict = group.overall.alert
            out += "| \(MarkdownText.escape(group.prompt)) | \(MarkdownText.escape(group.model)) | \(loss.strictFailures) | \(loss.lenientFailures) | "
            out += "\(loss.alertsLost) | \(loss.rightButUnparsed) | \(Formatting.metric(strict.recall)) → \(Formatting.metric(loss.lenientAlert.recall)) | "
            out += "\(Formatting.metric(strict.precision)) → \(Formatting.metric(loss.lenientAlert.precision)) |\n"
        }
        out += "\n"

        out += "## Threshold operating points\n\n"
        out += "| prompt | model | point | threshold (>) | precision | recall | F1 | FPR |\n|---|---|---|--:|--:|--:|--:|--:|\n"
        for group in analysis.groups {
            let sweep = group.sweep
            let points = [("production", sweep.production), ("best F1", sweep.bestF1), ("recall-first (≥ \(Formatting.metric(sweep.recallTarget)))", sweep.recallFirst)]
            for (name, point) in points {
                out += "| \(MarkdownText.escape(group.prompt)) | \(MarkdownText.escape(group.model)) | \(name) | \(Formatting.threshold(point.threshold)) | "
                out += "\(Formatting.metric(point.precision)) | \(Formatting.metric(point.recall)) | \(Formatting.metric(point.f1)) | \(Formatting.metric(point.fpr)) |\n"
            }
        }
        out += "\n"

        for group in analysis.groups {
            out += section(group, limits: limits)
        }
        return out
    }

    static func section(_ group: RunAnalysis.Group, limits: ReportLimits) -> String {
        var out = "## \(MarkdownText.escape(group.prompt)) × \(MarkdownText.escape(group.model))\n\n"
        let m = group.overall
        out += "Threshold > \(Formatting.threshold(group.threshold)) · TP \(m.alert.tp) · FP \(m.alert.fp) · TN \(m.alert.tn) · FN \(m.alert.fn) · "
        out += "Brier \(Formatting.metric(m.calibration.brier)) · AUROC \(Formatting.metric(m.calibration.auroc)) · AP \(Formatting.metric(m.calibration.averagePrecision))"
        let injection = group.injectionMisses
        if injection.total > 0 { out += " · injection cases decided wrong: \(injection.missed)/\(injection.total)" }
        if let repeats = m.repeats {
            out += " · repeats: \(repeats.flippedCases)/\(repeats.nCases) cases flipped (\(Formatting.percent(repeats.flipRate)))"
        }
        out += "\n\n"
        if !group.errors.isEmpty {
            let causes = group.errors.sorted { $0.key < $1.key }.map { "\(MarkdownText.escape($0.key)) \($0.value)" }.joined(separator: ", ")
            out += "**Provider errors after retries:** \(causes). Finish with `triage-eval run --resume <run>`.\n\n"
        }

        out += "### By scenario\n\n| scenario | n | TP | FP | TN | FN | precision | recall | FPR | parse failures |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
        for (scenario, s) in group.byScenario.sorted(by: { $0.key < $1.key }) {
            out += "| \(MarkdownText.escape(scenario)) | \(s.n) | \(s.alert.tp) | \(s.alert.fp) | \(s.alert.tn) | \(s.alert.fn) | "
            out += "\(Formatting.metric(s.alert.precision)) | \(Formatting.metric(s.alert.recall)) | \(Formatting.metric(s.alert.fpr)) | \(s.parseFailures) |\n"
        }
        out += "\n### Verdict confusion\n\n| label \\ verdict | TP | SUSPICIOUS | FP | unparsed |\n|---|--:|--:|--:|--:|\n"
        for label in Label.allCases {
            let counts = m.verdictConfusion[label]
            out += "| \(label.rawValue) | \(counts.tp) | \(counts.suspicious) | \(counts.fp) | \(counts.unparsed) |\n"
        }
        out += "\n"

        let cap = limits.detailedCases + limits.listedCases
        let wrong = group.wrongDecisions
        out += "### Wrong decisions (\(wrong.count))\n\n"
        if wrong.isEmpty {
            out += "None.\n\n"
        } else {
            out += "| case | sample | label | scenario | parse | verdict | confidence | summary |\n|---|--:|---|---|---|---|--:|---|\n"
            for result in wrong.prefix(cap) {
                let strict = result.evaluation.strict
                out += "| \(MarkdownText.escape(result.caseID)) | \(result.key.sample) | \(result.label.rawValue) | \(MarkdownText.escape(result.scenario)) | "
                out += "\(strict?.status.rawValue ?? "error") | \(MarkdownText.escape(strict?.rawVerdict ?? "")) | "
                out += "\(MarkdownText.escape(strict?.rawConfidence ?? "")) | \(MarkdownText.cell(strict?.summary ?? "", limit: 200)) |\n"
            }
            out += truncationNote(wrong.count, cap: cap)
        }

        let failures = group.parseFailures
        out += "### Parse failures (\(failures.count))\n\n"
        if failures.isEmpty {
            out += "None.\n\n"
        } else {
            out += "| case | sample | status | lenient verdict | raw answer |\n|---|--:|---|---|---|\n"
            for result in failures.prefix(cap) {
                let lenient = result.evaluation.lenient
                out += "| \(MarkdownText.escape(result.caseID)) | \(result.key.sample) | \(result.evaluation.strict?.status.rawValue ?? "") | "
                out += "\(MarkdownText.escape(lenient?.verdict ?? "—")) | \(MarkdownText.cell(result.evaluation.response ?? "", limit: 400)) |\n"
            }
            out += truncationNote(failures.count, cap: cap)
        }
        return out
    }

    /// A blank line, plus a note when a list was cut at the report limit.
    static func truncationNote(_ count: Int, cap: Int) -> String {
        count > cap ? "\n\(count - cap) more not listed (report limit); `triage-eval results export` has every result.\n\n" : "\n"
    }
}
