internal import Foundation
public import TriageEval
public import TriageEvalStore

/// The Markdown report: fits a PR comment or `$GITHUB_STEP_SUMMARY`. Every data string is escaped.
public enum MarkdownReport {
    public static func render(_ analysis: RunAnalysis) -> String {
        var out = ""
        let run = analysis.run
        out += "# triage-eval run \(run.id)\n\n"
        out += "Status **\(run.status.rawValue)** · \(run.planned) evaluations · samples \(run.samples) · "
        out += "tool \(MarkdownText.escape(run.toolVersion))"
        if let commit = run.gitCommit { out += " · commit `\(commit.prefix(12).filter(\.isHexDigit))`" }
        out += " · started \(ISO8601DateFormatter().string(from: run.startedAt))\n\n"
        out += "Decision: an alert is raised when the strict (production) parse gives an alerting verdict with confidence **>** the prompt's threshold. "
        out += "Intervals are Wilson 95%.\n\n"

        out += "## Summary\n\n"
        out += "| prompt | model | n | errors | precision | recall | F1 | FPR | ECE | parse failures | alerts lost to format |\n"
        out += "|---|---|--:|--:|---|---|--:|--:|--:|--:|--:|\n"
        for group in analysis.groups {
            let m = group.overall
            out += "| \(MarkdownText.escape(group.prompt)) | \(MarkdownText.escape(group.model)) | \(m.n) | \(group.errorCount) | "
            out += "\(Formatting.withInterval(m.alert.precision, m.alert.precisionCI95)) | \(Formatting.withInterval(m.alert.recall, m.alert.recallCI95)) | "
            out += "\(Formatting.metric(m.alert.f1)) | \(Formatting.metric(m.alert.fpr)) | \(Formatting.metric(m.calibration.ece)) | "
            out += "\(m.parseFailures) (\(Formatting.percent(m.parseFailureRate))) | \(group.alertsLostToFormat) |\n"
        }
        out += "\n"

        for group in analysis.groups {
            out += section(group)
        }
        return out
    }

    static func section(_ group: RunAnalysis.Group) -> String {
        var out = "## \(MarkdownText.escape(group.prompt)) × \(MarkdownText.escape(group.model))\n\n"
        let m = group.overall
        out += "Threshold > \(group.threshold) · TP \(m.alert.tp) · FP \(m.alert.fp) · TN \(m.alert.tn) · FN \(m.alert.fn) · "
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

        let wrong = group.wrongDecisions
        out += "### Wrong decisions (\(wrong.count))\n\n"
        if wrong.isEmpty {
            out += "None.\n\n"
        } else {
            out += "| case | sample | label | scenario | parse | verdict | confidence | summary |\n|---|--:|---|---|---|---|--:|---|\n"
            for result in wrong {
                let strict = result.evaluation.strict
                out += "| \(MarkdownText.escape(result.caseID)) | \(result.key.sample) | \(result.label.rawValue) | \(MarkdownText.escape(result.scenario)) | "
                out += "\(strict?.status.rawValue ?? "error") | \(MarkdownText.escape(strict?.rawVerdict ?? "")) | "
                out += "\(MarkdownText.escape(strict?.rawConfidence ?? "")) | \(MarkdownText.cell(strict?.summary ?? "", limit: 200)) |\n"
            }
            out += "\n"
        }

        let failures = group.parseFailures
        out += "### Parse failures (\(failures.count))\n\n"
        if failures.isEmpty {
            out += "None.\n\n"
        } else {
            out += "| case | sample | status | lenient verdict | raw answer |\n|---|--:|---|---|---|\n"
            for result in failures {
                let lenient = result.evaluation.lenient
                out += "| \(MarkdownText.escape(result.caseID)) | \(result.key.sample) | \(result.evaluation.strict?.status.rawValue ?? "") | "
                out += "\(MarkdownText.escape(lenient?.verdict ?? "—")) | \(MarkdownText.cell(result.evaluation.response ?? "", limit: 400)) |\n"
            }
            out += "\n"
        }
        return out
    }
}
