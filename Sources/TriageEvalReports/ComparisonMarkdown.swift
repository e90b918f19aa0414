internal import TriageEval
internal import TriageEvalStore

/// The comparison as Markdown: fits a PR comment or `$GITHUB_STEP_SUMMARY`. Every data string is escaped.
public enum ComparisonMarkdown {
    /// Flipped cases listed before the list is cut (a PR comment holds at most 65,536 characters).
    public static let flippedLimit = 50

    public static func render(_ comparison: RunComparison) -> String {
        let s = comparison.statistics
        var out = "## triage-eval compare\n\n"
        out += "**Base** \(MarkdownText.escape(comparison.base.name)) → **candidate** \(MarkdownText.escape(comparison.candidate.name))\n\n"
        out += "**\(MarkdownText.escape(comparison.verdict))**\n\n"
        out += "\(MarkdownText.escape(comparison.coverage))\n\n"
        out += "### Flipped cases (\(comparison.flipped.count): \(s.b) regressions first, then \(s.c) improvements)\n\n"
        if comparison.flipped.isEmpty {
            out += "None.\n\n"
        } else {
            out += "| change | case | label | base | candidate | base answer | candidate answer |\n|---|---|---|---|---|---|---|\n"
            for flipped in comparison.flipped.prefix(flippedLimit) {
                let flip = flipped.flip
                out += "| \(flip.improved ? "improved" : "**regressed**") | \(MarkdownText.escape(flip.caseID)) | \(flip.label.rawValue) | \(decision(flip.baseAlert, flip.label)) | \(decision(flip.candidateAlert, flip.label)) | "
                out += "\(MarkdownText.cell(flipped.base?.evaluation.response ?? "—", limit: 160)) | \(MarkdownText.cell(flipped.candidate?.evaluation.response ?? "—", limit: 160)) |\n"
            }
            if comparison.flipped.count > flippedLimit {
                out += "\n\(comparison.flipped.count - flippedLimit) more flipped cases in the HTML comparison.\n"
            }
            out += "\n"
        }
        out += "### Metrics (paired cases, sample 0)\n\n| metric | base | candidate | Δ |\n|---|--:|--:|--:|\n"
        for row in comparison.metricRows {
            out += "| \(row.name) | \(Formatting.metric(row.base)) | \(Formatting.metric(row.candidate)) | \(Formatting.delta(difference(row.base, row.candidate))) |\n"
        }
        for row in comparison.countRows {
            out += "| \(row.name) | \(row.base) | \(row.candidate) | \(signed(row.candidate - row.base)) |\n"
        }
        out += "\n"
        out += "McNemar exact, overall: b = \(s.b) (base right, candidate wrong), c = \(s.c) (base wrong, candidate right), p = \(Formatting.pValue(s.pValue)). "
        out += "Attacks: b = \(s.attacks.b), c = \(s.attacks.c), p = \(Formatting.pValue(s.attacks.pValue)). Benign: b = \(s.benign.b), c = \(s.benign.c), p = \(Formatting.pValue(s.benign.pValue)).\n"
        let bootstrap = s.bootstrap
        out += "Paired bootstrap (B = \(bootstrap.resamples), seed \(s.seed)): Δrecall \(interval(bootstrap.deltaRecall, bootstrap.deltaRecallCI95)), "
        out += "Δprecision \(interval(bootstrap.deltaPrecision, bootstrap.deltaPrecisionCI95)).\n\n"
        out += "### By scenario (paired cases, sample 0)\n\n| scenario | attacks | missed base → candidate | recall base → candidate | Δrecall | benign | false alarms base → candidate | FPR base → candidate | ΔFPR |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|\n"
        for row in comparison.scenarios {
            let b = row.base, c = row.candidate
            out += "| \(MarkdownText.escape(row.scenario)) | \(b.tp + b.fn) | \(b.fn) → \(c.fn) | \(Formatting.metric(b.definedRecall)) → \(Formatting.metric(c.definedRecall)) | "
            out += "\(Formatting.delta(difference(b.definedRecall, c.definedRecall))) | \(b.fp + b.tn) | \(b.fp) → \(c.fp) | "
            out += "\(Formatting.metric(b.definedFPR)) → \(Formatting.metric(c.definedFPR)) | \(Formatting.delta(difference(b.definedFPR, c.definedFPR))) |\n"
        }
        out += "\n"
        out += declaredOutputs(comparison)
        out += comparison.robustness.markdown()
        if !s.onlyInBase.isEmpty || !s.onlyInCandidate.isEmpty {
            out += "Not paired (left out of the statistics): only in base \(names(s.onlyInBase)); only in candidate \(names(s.onlyInCandidate)).\n\n"
        }
        if let diff = comparison.promptDiff {
            out += "### Prompt diff\n\n"
            let fence = String(repeating: "`", count: max(3, MarkdownText.longestBacktickRun(diff) + 1))
            out += "\(fence)diff\n\(diff)\(fence)\n"
        }
        return out
    }

    /// The declared outputs and confidence levels of a JSON analyzer's prompt, on the paired cases (empty without).
    static func declaredOutputs(_ comparison: RunComparison) -> String {
        var out = ""
        for (title, header, rows) in comparison.declaredTables where !rows.isEmpty {
            out += "### \(title)\n\n| \(header.joined(separator: " | ")) |\n|---|\(String(repeating: "--:|", count: header.count - 1))\n"
            for row in rows { out += "| \(row.map(MarkdownText.escape).joined(separator: " | ")) |\n" }
            out += "\n"
        }
        return out
    }

    static func difference(_ base: Double?, _ candidate: Double?) -> Double? {
        guard let base, let candidate else { return nil }
        return candidate - base
    }

    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }

    static func interval(_ value: Double?, _ interval: ConfidenceInterval?) -> String {
        guard let value else { return "n/a (undefined)" }
        guard let interval else { return Formatting.delta(value) }
        return "\(Formatting.delta(value)) [\(Formatting.delta(interval.lower)), \(Formatting.delta(interval.upper))]"
    }

    /// `alert ✓` / `no alert ✗`: the decision and whether it was right.
    static func decision(_ alert: Bool, _ label: Label) -> String {
        "\(alert ? "alert" : "no alert") \(alert == (label == .tp) ? "✓" : "✗")"
    }

    static func names(_ ids: [String]) -> String {
        ids.isEmpty ? "none" : ids.prefix(20).map(MarkdownText.escape).joined(separator: ", ") + (ids.count > 20 ? " and \(ids.count - 20) more" : "")
    }
}
