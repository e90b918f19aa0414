internal import TriageEval

/// What a prompt with declared fields adds to a group's report, in Markdown and HTML: why there is no score or
/// sweep, a categorical confidence level by level, and the secondary outputs against the cases' expected values.
enum DeclaredOutputReport {
    /// The one-line reason calibration and the sweep are n/a, when they are.
    static func noteLine(_ group: RunAnalysis.Group) -> String? {
        if let note = group.scoreNote { return "Calibration (ECE, Brier, reliability) and threshold sweep: n/a — \(note)." }
        if let note = group.sweepNote { return "Threshold sweep: n/a — \(note)." }
        return nil
    }

    /// `yes`, `no` or `n/a` for ``ConfidenceLevelMetrics/precisionRises``.
    static func rises(_ levels: ConfidenceLevelMetrics) -> String {
        levels.precisionRises.map { $0 ? "yes" : "no" } ?? "n/a (fewer than two levels with an alert)"
    }

    static func markdown(_ group: RunAnalysis.Group) -> String {
        var out = ""
        if let line = noteLine(group) { out += "**\(MarkdownText.escape(line))**\n\n" }
        if let levels = group.confidenceLevels {
            out += "### Confidence by level\n\n| level (lowest first) | answers | alerts | TP alerts | precision |\n|---|--:|--:|--:|--:|\n"
            for level in levels.levels {
                out += "| \(MarkdownText.escape(level.level)) | \(level.count) | \(level.alerts) | \(level.truePositives) | \(Formatting.metric(level.precision)) |\n"
            }
            out += "\nPrecision rises with the level: \(rises(levels)).\n\n"
        }
        for output in group.secondary {
            out += "### Secondary output \(MarkdownText.escape(output.field)) vs expected \(MarkdownText.escape(output.caseField))\n\n"
            out += "\(output.n) scored answers · \(output.correct) right · macro F1 \(Formatting.metric(output.macroF1))\n\n"
            out += "| class | expected | predicted | precision | recall | F1 |\n|---|--:|--:|--:|--:|--:|\n"
            for item in output.classes {
                out += "| \(MarkdownText.escape(item.value)) | \(item.support) | \(item.predicted) | \(Formatting.metric(item.precision)) | \(Formatting.metric(item.recall)) | \(Formatting.metric(item.f1)) |\n"
            }
            let columns = output.classes.map(\.value) + [SecondaryMetrics.missing]
            out += "\n| expected \\ answer | " + columns.map(MarkdownText.escape).joined(separator: " | ") + " |\n|---|" + String(repeating: "--:|", count: columns.count) + "\n"
            for (row, counts) in zip(output.classes, output.confusion) {
                out += "| \(MarkdownText.escape(row.value)) | " + counts.map(String.init).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        return out
    }

    static func html(_ group: RunAnalysis.Group, into html: inout HTML) {
        if let line = noteLine(group) { html.element("p", ["class": "note"], line) }
        if let levels = group.confidenceLevels {
            html.element("h3", "Confidence by level")
            html.element("table", ["class": "num"]) { html in
                html.row(["level (lowest first)", "answers", "alerts", "TP alerts", "precision"], header: true)
                for level in levels.levels {
                    html.row([level.level, "\(level.count)", "\(level.alerts)", "\(level.truePositives)", Formatting.metric(level.precision)])
                }
            }
            html.element("p", "Precision rises with the level: \(rises(levels)).")
        }
        for output in group.secondary {
            html.element("h3", "Secondary output \(output.field) vs expected \(output.caseField)")
            html.element("p", "\(output.n) scored answers · \(output.correct) right · macro F1 \(Formatting.metric(output.macroF1))")
            html.element("table", ["class": "num"]) { html in
                html.row(["class", "expected", "predicted", "precision", "recall", "F1"], header: true)
                for item in output.classes {
                    html.row([item.value, "\(item.support)", "\(item.predicted)", Formatting.metric(item.precision), Formatting.metric(item.recall), Formatting.metric(item.f1)])
                }
            }
            html.element("table", ["class": "cm"]) { html in
                html.row(["expected \\ answer"] + output.classes.map(\.value) + [SecondaryMetrics.missing], header: true)
                for (row, counts) in zip(output.classes, output.confusion) {
                    html.row([row.value] + counts.map(String.init))
                }
            }
        }
    }
}
