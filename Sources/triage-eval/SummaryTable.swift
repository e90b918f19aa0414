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
            if let note = group.scoreNote ?? group.sweepNote {
                out += "\n\(group.name) · \(group.scoreNote == nil ? "threshold sweep" : "calibration (ECE, Brier) and threshold sweep"): n/a — \(note)"
            }
            if let levels = group.confidenceLevels {
                let parts = levels.levels.map { "\($0.level) \($0.count) answers, precision \(Formatting.metric($0.precision))" }
                out += "\n\(group.name) · confidence by level (lowest first): \(parts.joined(separator: " · ")); precision rises with the level: "
                out += levels.precisionRises.map { $0 ? "yes" : "no" } ?? "n/a"
            }
            for output in group.secondary {
                out += "\n\(group.name) · \(output.field) vs expected \(output.caseField): macro F1 \(Formatting.metric(output.macroF1)), \(output.correct)/\(output.n) right"
            }
        }
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
