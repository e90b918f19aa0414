internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// The Markdown report: fits a PR comment or `$GITHUB_STEP_SUMMARY`. Every data string is escaped.
///
/// It leads with the summary a SOC asks for (per prompt × model, in cases: attacks missed, false alarms, FPR,
/// must-alert failures, flip rate; the missed attacks and false alarms named with their notes), then the
/// sample-level metrics. It stays under GitHub's comment limit: long lists are cut with a count and a pointer to
/// the HTML report.
public enum MarkdownReport {
    /// GitHub's limit for a comment body (characters); the report is held under it (counted in UTF-8 bytes, stricter).
    public static let characterLimit = 65_536

    public static func render(_ analysis: RunAnalysis, limits: ReportLimits = .standard) -> String {
        var limits = limits
        while true {
            let text = body(analysis, limits: limits)
            if text.utf8.count <= characterLimit { return text }
            if limits.listedCases + limits.detailedCases == 0 { return cut(text, analysis: analysis) }
            limits = ReportLimits(detailedCases: limits.detailedCases / 2, listedCases: limits.listedCases / 2)
        }
    }

    /// The HTML report's file name, where cut lists are complete.
    static func htmlName(_ analysis: RunAnalysis) -> String { "run-\(analysis.run.id).html" }

    /// Cuts at a line boundary under the limit and says where the rest is.
    static func cut(_ text: String, analysis: RunAnalysis) -> String {
        let note = "\n\n**Report cut at GitHub's \(characterLimit)-character limit;** the full report is \(htmlName(analysis)).\n"
        var kept = ""
        var size = note.utf8.count
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let cost = line.utf8.count + 1
            if size + cost > characterLimit { break }
            kept += line + "\n"
            size += cost
        }
        return kept + note
    }

    static func body(_ analysis: RunAnalysis, limits: ReportLimits) -> String {
        var out = ""
        let run = analysis.run
        out += "# triage-eval run \(run.id)\n\n"
        out += "Status **\(run.status.rawValue)** · \(Formatting.count(run.planned, "evaluation")) · samples \(run.samples) · "
        out += "tool \(MarkdownText.escape(run.toolVersion))"
        if let commit = run.gitCommit { out += " · commit `\(commit.prefix(12).filter(\.isHexDigit))`" }
        out += " · started \(ISO8601DateFormatter().string(from: run.startedAt))\n\n"
        out += "Decision: an alert is raised when the strict (production) parse gives an alerting verdict whose confidence passes the rule's own test (shown per prompt, e.g. `> 0.7`). "
        out += "Intervals are Wilson 95%. `n/a`: undefined (no denominator).\n\n"
        out += summary(analysis, limits: limits)
        out += ruleEconomics(analysis.ruleEconomics)
        out += ContextLossSection.markdown(analysis.contextLoss)
        out += RobustnessMarkdown.section(analysis.robustness, limits: limits, analysis: analysis)

        out += "## Metrics (every answered sample)\n\n"
        out += "| prompt | model | alert when | n | errors | precision | recall | F1 | FPR | ECE | Brier | parse failures | tokens in / out | cost | latency p50 / p95 | alerts lost to format |\n"
        out += "|---|---|---|--:|--:|---|---|--:|---|--:|--:|--:|--:|--:|--:|--:|\n"
        for group in analysis.groups {
            let m = group.overall, a = m.alert
            out += "| \(MarkdownText.escape(group.prompt)) | \(MarkdownText.escape(group.model)) | \(MarkdownText.escape(group.decisionText)) | \(m.n) | \(group.errorCount) | "
            out += "\(Formatting.withInterval(a.definedPrecision, a.precisionCI95)) | \(Formatting.withInterval(a.definedRecall, a.recallCI95)) | "
            out += "\(Formatting.metric(a.definedF1)) | \(Formatting.withInterval(a.definedFPR, .wilson(successes: a.fp, trials: a.fp + a.tn))) | "
            out += "\(Formatting.metric(m.calibration.ece)) | \(Formatting.metric(m.calibration.brier)) | "
            out += "\(m.parseFailures) (\(Formatting.percent(m.definedParseFailureRate))) | \(group.usage.inputTokens) / \(group.usage.outputTokens) | "
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
            out += "\(loss.alertsLost) | \(loss.rightButUnparsed) | \(Formatting.metric(strict.definedRecall)) → \(Formatting.metric(loss.lenientAlert.definedRecall)) | "
            out += "\(Formatting.metric(strict.definedPrecision)) → \(Formatting.metric(loss.lenientAlert.definedPrecision)) |\n"
        }
        out += "\n"

        out += structuredOutputs(analysis.structuredOutputs)
        out += "## Threshold operating points\n\n"
        out += "| prompt | model | point | alert when confidence | precision | recall | F1 | FPR |\n|---|---|---|--:|--:|--:|--:|--:|\n"
        for group in analysis.groups {
            if let note = group.sweepNote {
                out += "| \(MarkdownText.escape(group.prompt)) | \(MarkdownText.escape(group.model)) | n/a | \(MarkdownText.escape(note)) | | | | |\n"
                continue
            }
            for point in OperatingPoint.all(group.sweep) {
                out += "| \(MarkdownText.escape(group.prompt)) | \(MarkdownText.escape(group.model)) | \(point.name) | "
                guard let metrics = point.metrics else {
                    out += "\(point.unreachable) | | | | |\n"
                    continue
                }
                out += "\(group.sweep.comparison.rawValue) \(Formatting.threshold(metrics.threshold)) | "
                out += "\(Formatting.metric(metrics.definedPrecision)) | \(Formatting.metric(metrics.definedRecall)) | \(Formatting.metric(metrics.definedF1)) | \(Formatting.metric(metrics.definedFPR)) |\n"
            }
        }
        out += "\n"

        for group in analysis.groups {
            out += section(group, analysis: analysis, limits: limits)
        }
        out += documents(CaseDocumentIndex(analysis))
        return out
    }

    /// `## Case documents`: per case with documents, its document ids (`_index/_id`); sources are in the HTML report.
    static func documents(_ index: CaseDocumentIndex) -> String {
        guard !index.entries.isEmpty else { return "" }
        var out = "## Case documents\n\nThe documents each case's rule execution read (`_index/_id`); their sources are in the HTML report.\n\n"
        for entry in index.entries {
            out += "- \(MarkdownText.escape(entry.caseID)): " + entry.ids.map(MarkdownText.escape).joined(separator: ", ") + "\n"
        }
        return out + "\n"
    }

    /// The summary table and the named missed attacks and false alarms.
    static func summary(_ analysis: RunAnalysis, limits: ReportLimits) -> String {
        var out = "## Summary\n\n"
        out += "| prompt | model | cases · samples | missed attacks | false alarms | FPR (cases) | must-alert failures | flip rate | provider errors |\n"
        out += "|---|---|--:|--:|--:|--:|--:|--:|--:|\n"
        let summaries = analysis.groups.map(\.caseSummary)
        for (group, s) in zip(analysis.groups, summaries) {
            out += "| \(MarkdownText.escape(group.prompt)) | \(MarkdownText.escape(group.model)) | \(s.cases) · \(s.samples) | "
            out += "\(CaseSummary.countText(s.missedAttacks.count, of: s.attacks)) | \(CaseSummary.countText(s.falseAlarms.count, of: s.benign)) | "
            out += "\(Formatting.metric(s.fpr)) | \(s.mustAlertFailures.count) | \(Formatting.metric(s.flipRate)) | \(group.errorCount) |\n"
        }
        out += "\nCounts are cases: each case's samples folded by majority, an unanswered sample (provider error, never run) counting as wrong, so an errored attack is a missed attack.\n\n"
        let cap = limits.detailedCases + limits.listedCases
        for (group, s) in zip(analysis.groups, summaries) {
            for (title, outcomes) in [("Missed attacks", s.missedAttacks), ("False alarms", s.falseAlarms)] where !outcomes.isEmpty {
                out += "**\(MarkdownText.escape(group.name)) · \(title.lowercased()) (\(outcomes.count))**\n\n"
                out += "| case | scenario | samples | notes / source |\n|---|---|---|---|\n"
                for outcome in outcomes.prefix(cap) {
                    out += "| \(MarkdownText.escape(outcome.caseID)) | \(MarkdownText.escape(outcome.scenario)) | \(MarkdownText.escape(outcome.samplesText)) | "
                    out += "\(MarkdownText.cell(analysis.caseNote(outcome.caseID) ?? "", limit: 200)) |\n"
                }
                out += truncationNote(outcomes.count, cap: cap, analysis: analysis)
            }
        }
        return out
    }

    static func section(_ group: RunAnalysis.Group, analysis: RunAnalysis, limits: ReportLimits) -> String {
        var out = "## \(MarkdownText.escape(group.prompt)) × \(MarkdownText.escape(group.model))\n\n"
        let m = group.overall
        out += "Alert when \(MarkdownText.escape(group.decisionText)) · TP \(m.alert.tp) · FP \(m.alert.fp) · TN \(m.alert.tn) · FN \(m.alert.fn) · "
        out += "Brier \(Formatting.metric(m.calibration.brier)) · AUROC \(Formatting.metric(m.calibration.auroc)) · AP \(Formatting.metric(m.calibration.averagePrecision))"
        let injection = group.injectionMisses
        if injection.total > 0 { out += " · injection cases decided wrong: \(injection.missed)/\(injection.total)" }
        if let repeats = m.repeats {
            out += " · repeats: \(repeats.flippedCases)/\(repeats.nCases) cases flipped (\(Formatting.percent(repeats.flipRate)))"
        }
        out += "\n\n"
        out += DeclaredOutputReport.markdown(group)
        if !group.errors.isEmpty {
            let causes = group.errors.sorted { $0.key < $1.key }.map { "\(MarkdownText.escape($0.key)) \($0.value)" }.joined(separator: ", ")
            out += "**Provider errors after retries:** \(causes). Finish with `triage-eval run --resume \(analysis.run.id)`.\n\n"
        }

        out += "### By scenario\n\n| scenario | n | TP | FP | TN | FN | precision | recall | FPR | parse failures |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
        for (scenario, s) in group.byScenario.sorted(by: { $0.key < $1.key }) {
            out += "| \(MarkdownText.escape(scenario)) | \(s.n) | \(s.alert.tp) | \(s.alert.fp) | \(s.alert.tn) | \(s.alert.fn) | "
            out += "\(Formatting.metric(s.alert.definedPrecision)) | \(Formatting.metric(s.alert.definedRecall)) | \(Formatting.metric(s.alert.definedFPR)) | \(s.parseFailures) |\n"
        }
        out += "\n### Verdict confusion\n\n| label \\ verdict | TP | SUSPICIOUS | FP | unparsed |\n|---|--:|--:|--:|--:|\n"
        for label in Label.allCases {
            let counts = m.verdictConfusion[label]
            out += "| \(label.rawValue) | \(counts.tp) | \(counts.suspicious) | \(counts.fp) | \(counts.unparsed) |\n"
        }
        out += "\n"

        let cap = limits.detailedCases + limits.listedCases
        let wrong = CaseOutcomeList(group.cases) { $0.isWrong() }
        let byCase = group.results(ofCases: wrong.prefix(cap).map(\.caseID)).mapValues { $0.map(group.detailed) }
        out += "### Wrong decisions (\(wrong.count) cases)\n\n"
        if wrong.isEmpty {
            out += "None.\n\n"
        } else {
            out += "| case | label | scenario | samples (verdict confidence decision) | summary |\n|---|---|---|---|---|\n"
            for outcome in wrong.prefix(cap) {
                let summary = byCase[outcome.caseID]?.lazy.compactMap { $0.evaluation.strict?.summary }.first ?? ""
                out += "| \(MarkdownText.escape(outcome.caseID)) | \(outcome.label.rawValue) | \(MarkdownText.escape(outcome.scenario)) | "
                out += "\(MarkdownText.escape(outcome.samplesText)) | \(MarkdownText.cell(summary, limit: 200)) |\n"
            }
            out += truncationNote(wrong.count, cap: cap, analysis: analysis)
        }

        let failures = Dictionary(grouping: group.parseFailures, by: \.caseID).sorted { $0.key < $1.key }
        out += "### Parse failures (\(failures.count) cases, \(group.parseFailures.count) samples)\n\n"
        if failures.isEmpty {
            out += "None.\n\n"
        } else {
            out += "| case | samples (status) | lenient verdict | raw answer (first failing sample) |\n|---|---|---|---|\n"
            for (caseID, results) in failures.prefix(cap) {
                let statuses = results.map { "#\($0.key.sample) \($0.evaluation.strict?.status.rawValue ?? "")" }.joined(separator: " · ")
                let first = group.detailed(results[0])
                out += "| \(MarkdownText.escape(caseID)) | \(MarkdownText.escape(statuses)) | \(MarkdownText.escape(first.evaluation.lenient?.verdict ?? "—")) | "
                out += "\(MarkdownText.cell(first.evaluation.response ?? "", limit: 400)) |\n"
            }
            out += truncationNote(failures.count, cap: cap, analysis: analysis)
        }
        return out
    }

    /// A blank line, plus a note when a list was cut at the report limit.
    static func truncationNote(_ count: Int, cap: Int, analysis: RunAnalysis) -> String {
        count > cap ? "\n\(count - cap) more not listed here; the HTML report (\(htmlName(analysis))) lists them, `triage-eval results export` has every result.\n\n" : "\n"
    }

    /// `## Rules over case documents`: per rule prompt × model, what production's schedule would send, cut,
    /// cost and lose; empty when no rule ran over documents.
    static func ruleEconomics(_ report: RuleEconomicsReport) -> String {
        guard !report.rows.isEmpty else { return "" }
        var out = "## Rules over case documents\n\n"
        out += "One execution per case; rows cut by the query's `LIMIT` / `COMPLETION`'s \(RuleExecution.completionRowCap)-row cap; "
        out += "calls/day on the rule's `interval`; cost/day at this run's measured cost per call; executions lost = executions one failed call would have left without any alert, at the group's error rate.\n\n"
        out += "| prompt | model | executions | rows | judged | cut LIMIT / cap | null prompts | not judged | calls/day | cost/day | precision | recall | error rate | executions lost |\n"
        out += "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
        for row in report.rows {
            let economics = row.economics
            out += "| \(MarkdownText.escape(row.prompt)) | \(MarkdownText.escape(row.model)) | \(economics.executions) | \(economics.rowsProduced) | "
            out += "\(economics.rowsJudged) | \(economics.cutByLimit) / \(economics.cutByCap) | \(economics.nullPrompts) | \(economics.notJudged) | "
            out += "\(economics.callsPerDay.map { String(format: "%.1f", $0) } ?? Formatting.undefined) | "
            out += "\(row.costPerDay.map { String(format: "$%.4f", $0) } ?? Formatting.undefined) | "
            out += "\(Formatting.metric(row.precision)) | \(Formatting.metric(row.recall)) | \(Formatting.percent(row.errorRate)) | \(Formatting.percent(row.lostShare)) |\n"
        }
        return out + "\n"
    }
}
