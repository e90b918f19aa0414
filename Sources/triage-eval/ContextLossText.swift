import TriageEval
import TriageEvalReports

/// The context-loss lint on the terminal: one rendered prompt's losses (`render`, `try`) and, after a run,
/// the rates per prompt. Keys and values come from documents; `print`/`printError` neutralise them.
enum ContextLossText {
    /// How much of a long evidence value a line shows.
    static let shownCharacters = 100

    /// The losses of one rendered prompt, one finding per line.
    static func render(_ loss: ContextLoss) -> String {
        var lines: [String] = []
        let traps = loss.dottedKeyTraps, absent = loss.nullFields.filter { !$0.isDottedKeyTrap }
        if !traps.isEmpty {
            lines.append("null fields, the dotted-key trap (.get of a dotted key; the document holds it nested): "
                + traps.map { "\($0.key) (nested: \(short($0.nestedValue ?? "")))" }.joined(separator: ", "))
        }
        if !absent.isEmpty { lines.append("null fields absent from the document: " + absent.map(\.key).joined(separator: ", ")) }
        let cut = loss.cutEvidence, never = loss.absentEvidence
        lines.append("evidence (command lines, paths of the documents): \(loss.evidence.count) values, \(loss.evidence.count - cut.count - never.count) in the prompt, "
            + "\(cut.count) cut by a truncation, \(never.count) never in the prompt" + (loss.cuts > 0 ? "; \(loss.cuts) slice\(loss.cuts == 1 ? "" : "s") cut" : ""))
        for item in cut { lines.append("  cut   \(item.field): \(short(item.value))") }
        for item in never { lines.append("  never \(item.field): \(short(item.value))") }
        return lines.joined(separator: "\n")
    }

    /// Per prompt: cases checked, null-field and trap rates, evidence cut and never shown; nil when no template prompt rendered a case with documents.
    static func table(_ summaries: [ContextLossSummary]) -> String? {
        guard !summaries.isEmpty else { return nil }
        var table = TextTable(header: ["context loss", "cases", "null fields", "dotted-key trap", "cut renders", "evidence", "cut by truncation", "never in prompt"])
        for summary in summaries {
            table.rows.append([
                summary.prompt, String(summary.renders),
                share(summary.rendersWithNullFields, summary.nullFieldRate), share(summary.rendersWithDottedKeyTrap, summary.dottedKeyTrapRate),
                String(summary.rendersCut), String(summary.evidence),
                share(summary.evidenceCut, summary.evidenceCutRate), share(summary.evidenceAbsent, summary.evidenceAbsentRate),
            ])
        }
        return table.render()
    }

    static func share(_ count: Int, _ rate: Double?) -> String { "\(count) (\(Formatting.percent(rate)))" }

    static func short(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > shownCharacters else { return text }
        var cut = ""
        cut.unicodeScalars.append(contentsOf: scalars[..<shownCharacters])
        return cut + "…"
    }
}
