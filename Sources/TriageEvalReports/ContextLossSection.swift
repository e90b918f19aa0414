internal import Foundation
internal import TriageEval

/// The context-loss lint in the report files (``ContextLossSummary`` per template prompt over the run's cases
/// with documents): Markdown and HTML sections, JSON `context_loss`. Field keys and evidence values come from
/// alert documents (attacker-controlled) and are escaped by each format.
enum ContextLossSection {
    /// How many cases each prompt's per-case list names at most.
    static let caseCap = 20

    static func markdown(_ summaries: [ContextLossSummary]) -> String {
        guard !summaries.isEmpty else { return "" }
        var out = "## Context loss (what the prompts' rendering lost of the case documents)\n\n"
        out += "Null fields: `.get` keys the document does not hold, so the prompt got `None` or the default given (dotted-key trap: the document holds the value nested, e.g. `host.name` in `{\"host\": {\"name\": …}}`). "
        out += "Evidence: command lines and file/DLL/registry paths of the documents; cut = in a value a slice (`[:3000]`, `[:20]`) cut off; never = in no rendered value.\n\n"
        out += "| prompt | cases | null fields | dotted-key trap | cut renders | evidence values | cut by a truncation | never in the prompt |\n"
        out += "|---|--:|--:|--:|--:|--:|--:|--:|\n"
        for summary in summaries {
            out += "| \(MarkdownText.escape(summary.prompt)) | \(summary.renders) | \(share(summary.rendersWithNullFields, summary.nullFieldRate)) | "
            out += "\(share(summary.rendersWithDottedKeyTrap, summary.dottedKeyTrapRate)) | \(summary.rendersCut) | \(summary.evidence) | "
            out += "\(share(summary.evidenceCut, summary.evidenceCutRate)) | \(share(summary.evidenceAbsent, summary.evidenceAbsentRate)) |\n"
        }
        for summary in summaries where !summary.nullFieldCounts.isEmpty {
            let fields = summary.nullFieldCounts.map { "`\(MarkdownText.escape($0.key))` \($0.renders)\($0.trap > 0 ? " (nested in \($0.trap))" : "")" }
            out += "\n\(MarkdownText.escape(summary.prompt)) null fields (cases): \(fields.joined(separator: ", "))\n"
        }
        let lossy = summaries.flatMap { summary in
            summary.cases.filter { !$0.loss.isClean }.map { (summary.prompt, $0.caseID, $0.loss) }
        }
        if !lossy.isEmpty {
            out += "\n| prompt | case | null fields (trap) | evidence cut / never / of |\n|---|---|--:|--:|\n"
            for (prompt, caseID, loss) in lossy.prefix(caseCap) {
                out += "| \(MarkdownText.escape(prompt)) | \(MarkdownText.escape(caseID)) | \(loss.nullFields.count) (\(loss.dottedKeyTraps.count)) | "
                out += "\(loss.cutEvidence.count) / \(loss.absentEvidence.count) / \(loss.evidence.count) |\n"
            }
            if lossy.count > caseCap { out += "\n\(lossy.count - caseCap) more prompt × case pairs lost context; `triage-eval render` shows each.\n" }
        }
        return out + "\n"
    }

    static func html(_ summaries: [ContextLossSummary], into html: inout HTML) {
        guard !summaries.isEmpty else { return }
        html.element("h2", ["id": "context-loss"], "Context loss")
        html.element("p", ["class": "muted"],
            "Null fields: .get keys the document does not hold, so the prompt got None or the default given (dotted-key trap: the document holds the value nested, e.g. host.name in {\"host\": {\"name\": …}}). Evidence: command lines and file/DLL/registry paths of the case documents; cut = beyond a truncation ([:3000], [:20]); never = in no rendered value.")
        html.element("table") { html in
            html.row(["prompt", "cases", "null fields", "dotted-key trap", "cut renders", "evidence values", "cut by a truncation", "never in the prompt"], header: true)
            for summary in summaries {
                html.row([
                    summary.prompt, String(summary.renders), share(summary.rendersWithNullFields, summary.nullFieldRate),
                    share(summary.rendersWithDottedKeyTrap, summary.dottedKeyTrapRate), String(summary.rendersCut), String(summary.evidence),
                    share(summary.evidenceCut, summary.evidenceCutRate), share(summary.evidenceAbsent, summary.evidenceAbsentRate),
                ])
            }
        }
        for summary in summaries where !summary.nullFieldCounts.isEmpty {
            let text = summary.nullFieldCounts.map { "\($0.key) \($0.renders)\($0.trap > 0 ? " (nested in \($0.trap))" : "")" }.joined(separator: ", ")
            html.element("p", "\(summary.prompt) null fields (cases): \(text)")
        }
    }

    /// `count (rate)`, the rate `n/a` when undefined.
    static func share(_ count: Int, _ rate: Double?) -> String {
        "\(count) (\(Formatting.percent(rate)))"
    }

    /// JSON `context_loss[]`: counts, rates (null when undefined) and each case's losses.
    struct JSON: Encodable {
        struct Case: Encodable {
            var caseID: String
            var nullFields: [String]
            var dottedKeyTraps: [String]
            var evidenceCut: [String]
            var evidenceNeverInPrompt: [String]
            var evidence: Int
            enum CodingKeys: String, CodingKey {
                case caseID = "case_id", nullFields = "null_fields", dottedKeyTraps = "dotted_key_traps"
                case evidenceCut = "evidence_cut", evidenceNeverInPrompt = "evidence_never_in_prompt", evidence
            }
        }
        var prompt: String
        var cases: Int
        var casesWithNullFields: Int
        var casesWithDottedKeyTrap: Int
        var casesCut: Int
        var evidence: Int
        var evidenceCut: Int
        var evidenceNeverInPrompt: Int
        var nullFieldRate: Double?
        var dottedKeyTrapRate: Double?
        var evidenceCutRate: Double?
        var evidenceNeverInPromptRate: Double?
        var byCase: [Case]

        enum CodingKeys: String, CodingKey {
            case prompt, cases, evidence
            case casesWithNullFields = "cases_with_null_fields", casesWithDottedKeyTrap = "cases_with_dotted_key_trap", casesCut = "cases_cut"
            case evidenceCut = "evidence_cut", evidenceNeverInPrompt = "evidence_never_in_prompt"
            case nullFieldRate = "null_field_rate", dottedKeyTrapRate = "dotted_key_trap_rate", evidenceCutRate = "evidence_cut_rate"
            case evidenceNeverInPromptRate = "evidence_never_in_prompt_rate", byCase = "by_case"
        }

        init(_ summary: ContextLossSummary) {
            prompt = summary.prompt
            cases = summary.renders
            casesWithNullFields = summary.rendersWithNullFields
            casesWithDottedKeyTrap = summary.rendersWithDottedKeyTrap
            casesCut = summary.rendersCut
            evidence = summary.evidence
            evidenceCut = summary.evidenceCut
            evidenceNeverInPrompt = summary.evidenceAbsent
            nullFieldRate = summary.nullFieldRate
            dottedKeyTrapRate = summary.dottedKeyTrapRate
            evidenceCutRate = summary.evidenceCutRate
            evidenceNeverInPromptRate = summary.evidenceAbsentRate
            byCase = summary.cases.map { entry in
                Case(
                    caseID: entry.caseID, nullFields: entry.loss.nullFields.map(\.key), dottedKeyTraps: entry.loss.dottedKeyTraps.map(\.key),
                    evidenceCut: entry.loss.cutEvidence.map(\.value), evidenceNeverInPrompt: entry.loss.absentEvidence.map(\.value),
                    evidence: entry.loss.evidence.count
                )
            }
        }
    }
}
