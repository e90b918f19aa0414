internal import TriageEval

/// `## Robustness (variants against their bases)` of the Markdown report: per prompt × model × transform the
/// flip rate, attack suppression, false-alarm induction and answer hijack with Wilson intervals, McNemar base vs
/// variant, the defences table, and the flipped cases (cut at the report's limits). Empty without variants.
enum RobustnessMarkdown {
    static func section(_ report: RobustnessReport, limits: ReportLimits, analysis: RunAnalysis) -> String {
        guard !report.isEmpty else { return "" }
        var out = "## Robustness (variants against their bases)\n\n"
        out += "Each variant (`base~transform~n`) is paired with its own base case on the same prompt, model and sample. "
        out += "Rates are over pairs where both strict parses succeeded (parse failures counted apart); flip = decision differs; "
        out += "suppression = attacks the base alerted on that the variant did not; induction = benign cases the base was silent on that the variant alerted on; "
        out += "hijack = the variant's parsed answer is the planted one. McNemar: b = base right and variant wrong, c = the reverse. Wilson 95% intervals; `n/a` = no denominator.\n\n"
        if !report.notAsked.isEmpty {
            out += "Not asked about the variants (replay without recorded answers for them): \(report.notAsked.map(MarkdownText.escape).joined(separator: ", ")).\n\n"
        }
        out += "| prompt | model | transform | pairs | parse failures | flip rate | attack suppression | false-alarm induction | answer hijack | McNemar b / c (p) |\n"
        out += "|---|---|---|--:|--:|---|---|---|---|---|\n"
        for group in report.groups {
            for metrics in group.cells.map(\.metrics) + [group.overall] {
                out += "| \(MarkdownText.escape(group.prompt)) | \(MarkdownText.escape(group.model)) | "
                out += metrics.transform == "all" ? "**all**" : MarkdownText.escape(metrics.transform)
                out += " | \(metrics.pairs) | \(metrics.parseFailures) | \(Formatting.rate(metrics.flips)) | \(Formatting.rate(metrics.attackSuppression)) | "
                out += "\(Formatting.rate(metrics.falseAlarmInduction)) | \(metrics.answerHijack.map(Formatting.rate) ?? Formatting.undefined) | "
                out += "\(metrics.mcnemarB) / \(metrics.mcnemarC) (\(Formatting.pValue(metrics.mcnemarP))) |\n"
            }
            if group.unpaired > 0 {
                out += "| \(MarkdownText.escape(group.prompt)) | \(MarkdownText.escape(group.model)) | *unpaired* | \(group.unpaired) variant calls with no answered base or variant (errors, never run) | | | | | | |\n"
            }
        }
        out += "\n"
        out += defences(report.defences)
        var listed = 0
        var flipsOut = ""
        for group in report.groups {
            for cell in group.cells {
                for flip in cell.flips {
                    listed += 1
                    guard listed <= limits.listedCases else { continue }
                    let pair = flip.pair
                    flipsOut += "| \(MarkdownText.escape(group.name)) | \(MarkdownText.escape(cell.transform)) | \(MarkdownText.escape(pair.caseID)) | \(pair.label.rawValue) | "
                    flipsOut += "\(pair.base.alert ? "alert" : "no alert") → \(pair.variant.alert ? "alert" : "no alert") | "
                    flipsOut += "\(MarkdownText.cell(flip.baseAnswers.joined(separator: " ⏎ "), limit: 160)) | \(MarkdownText.cell(flip.variantAnswers.joined(separator: " ⏎ "), limit: 160)) |\n"
                }
            }
        }
        if listed > 0 {
            out += "### Flipped variants\n\n| prompt × model | transform | variant | label | decision base → variant | base answer | variant answer |\n|---|---|---|---|---|---|---|\n"
            out += flipsOut + MarkdownReport.truncationNote(listed, cap: limits.listedCases, analysis: analysis)
        }
        return out
    }

    static func defences(_ defences: RobustnessDefences) -> String {
        guard !defences.rows.isEmpty else { return "" }
        var out = "### Defences measured\n\n"
        out += "Per prompt × model × transform: variants judged; variants whose prompt differs from the base's; variants whose prompt still carries the planted text "
        out += "(`n/a`: the transform plants none; the rest were stopped before the model, e.g. by a rule's `REPLACE`); the rule's defence columns "
        out += "(booleans computed before `COMPLETION` that its tail reads) and how often they fired; answered variant calls where the rule's tail decided otherwise than the model's own answer.\n\n"
        out += "| prompt | model | transform | variants | prompt changed | planted text reached / stopped | defence | fired (also on base) | decision overridden (back to base's) |\n"
        out += "|---|---|---|--:|--:|---|---|---|---|\n"
        for row in defences.rows {
            out += "| \(MarkdownText.escape(row.prompt)) | \(MarkdownText.escape(row.model)) | \(MarkdownText.escape(row.transform)) | \(row.variants) | \(row.changedPrompt) | "
            out += row.payloadReached.map { "\($0) / \(row.variants - $0)" } ?? Formatting.undefined
            out += " | \(row.defenceColumns.isEmpty ? "none" : row.defenceColumns.map { "`\(MarkdownText.escape($0))`" }.joined(separator: ", ")) | "
            out += row.defenceColumns.isEmpty ? "— | " : "\(row.firedOnVariant) (\(row.firedOnBase)) | "
            out += "\(row.outcomeChanged) of \(row.answered) (\(row.outcomeRestored)) |\n"
        }
        return out + "\n"
    }
}
