import TriageEval
import TriageEvalReports

/// The prompt × model summary `run` prints: first what a SOC asks (attacks missed, false alarms, must-alert
/// failures, flip rate, in cases), then the sample-level rates, then the missed attacks and false alarms by name.
enum SummaryTable {
    /// Cases named per list and group before the rest is counted and left to the HTML report.
    static let namedCases = 10
    /// Characters of a case's notes shown on its line (the reports have them whole).
    static let noteLength = 160

    static func render(_ analysis: RunAnalysis, htmlReport: String? = nil) -> String {
        var table = TextTable(header: [
            "prompt", "model", "cases · samples", "missed attacks", "false alarms", "FPR", "must-alert fail", "flip rate", "errors",
            "precision", "recall", "F1", "parse-fail",
        ])
        table.rightAligned = Set(2 ... 12)
        for group in analysis.groups {
            let summary = group.caseSummary, m = group.overall
            table.rows.append([
                group.prompt, group.model, "\(summary.cases) · \(summary.samples)",
                CaseSummary.countText(summary.missedAttacks.count, of: summary.attacks),
                CaseSummary.countText(summary.falseAlarms.count, of: summary.benign), Formatting.metric(summary.fpr),
                "\(summary.mustAlertFailures.count)", Formatting.metric(summary.flipRate), "\(group.errorCount)",
                Formatting.metric(m.alert.definedPrecision), Formatting.metric(m.alert.definedRecall), Formatting.metric(m.alert.definedF1),
                Formatting.percent(m.definedParseFailureRate),
            ])
        }
        var out = table.render()
        out += "\nCounts are cases (samples folded by majority; an unanswered sample counts as wrong); precision, recall, F1 and parse-fail count every answered sample."
        for group in analysis.groups {
            let summary = group.caseSummary
            for (title, outcomes) in [("missed attacks", summary.missedAttacks), ("false alarms", summary.falseAlarms)] where !outcomes.isEmpty {
                out += "\n\(group.name) · \(title) (\(outcomes.count)):"
                for outcome in outcomes.prefix(namedCases) {
                    out += "\n  \(outcome.caseID) [\(outcome.scenario)] \(outcome.samplesText)"
                    if let note = analysis.caseNote(outcome.caseID) {
                        out += " — " + (note.count > noteLength ? note.prefix(noteLength) + "…" : note)
                    }
                }
                if outcomes.count > namedCases {
                    out += "\n  … and \(outcomes.count - namedCases) more" + (htmlReport.map { " (see \($0))" } ?? "")
                }
            }
        }
        return out
    }
}
