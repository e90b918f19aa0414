import Foundation

/// The verdict of the `heuristic` baseline for one prompt.
public struct HeuristicAssessment: Sendable, Equatable {
    /// `TP`, `FP` or `SUSPICIOUS`.
    public let verdict: String
    /// In [0.5, 0.99], rounded to two decimals; grows with the score margin behind the verdict.
    public let confidence: Double
    /// Short reason naming the matched indicators and exceptions.
    public let summary: String

    public init(verdict: String, confidence: Double, summary: String) {
        self.verdict = verdict
        self.confidence = confidence
        self.summary = summary
    }
}

/// The deterministic exception-list baseline detection engineers use today, as an offline "model".
///
/// ## Method
/// 1. It sees only the rendered prompt text — alert context plus instructions — as a real model
///    would. The text is lowercased once and scanned for every row of ``HeuristicRules``
///    (case-insensitive substring matching on precomputed byte patterns; no regular expressions).
/// 2. Each matched **known-bad** row adds its weight to the *bad* score (concrete technique
///    indicators such as `certutil -urlcache`, `comsvcs.dll` + `MiniDump`, `vssadmin delete shadows`,
///    ` -enc `, `Add-MpPreference -ExclusionPath`, `scrobj.dll`, `PSEXESVC`, Rubeus/`asktgs`,
///    `\CurrentVersion\Run`, plus a few high-fidelity rule and technique names). Each matched
///    **known-good** row adds to the *good* score (trusted parents and tools: `CcmExec.exe`,
///    `\CCM\SystemTemp\`, Nessus, Qualys, CrowdStrike, Intune, Windows servicing, Veeam, Citrix,
///    MSBuild under Visual Studio …). A row counts once however often it matches.
/// 3. Decision on `margin = bad − good`:
///    - **TP** when `margin ≥ 2.5` and the evidence is strong (one row of weight ≥ 2.5, or a bad
///      score ≥ 4);
///    - **FP** when nothing bad matched, or the exceptions outweigh or equal the bad score;
///    - **SUSPICIOUS** otherwise (some bad evidence, not dominant enough).
/// 4. Confidence = `0.5 + 0.49 · (1 − e^(−s / 2.5))`, clamped to [0.5, 0.99] and rounded to two
///    decimals, where `s = |margin|`, halved for SUSPICIOUS (inconclusive evidence stays near or
///    below the production threshold of 0.7); an FP with no bad evidence at all uses
///    `s = good + 1.0` (absence of known-bad indicators is itself weak evidence of benign activity).
///
/// 5. As `heuristic-credulous` only: its documented weaknesses (``HeuristicSusceptibility``), benign-looking name
///    parts and embedded instructions outside a declared data block, add trusted-exception weight.
///
/// It is a *baseline*: it cannot weigh context (who, where, when), and it is expected to be fooled by
/// attackers who put trusted tool names (`nessus_`, `CcmExec`, `Citrix`…) in their command lines or
/// paths — exactly the bias an LLM triage prompt must overcome. The instructions of a prompt are
/// scanned too, so rows must never match instruction vocabulary (see ``HeuristicRules``).
public enum HeuristicTriage {
    /// Margin at or above which strong evidence becomes a TP verdict.
    static let tpMargin = 2.5
    /// Bad score that counts as strong evidence even without a single strong row.
    static let strongTotal = 4.0
    /// Pseudo-margin added to an FP verdict that found no known-bad indicator.
    static let noEvidencePrior = 1.0
    /// SUSPICIOUS answers use half the margin, so that inconclusive evidence rarely clears the
    /// production threshold (> 0.7) on its own.
    static let suspiciousDamping = 0.5
    /// Scale of the confidence curve: a margin of this size gives ≈ 0.81.
    static let confidenceScale = 2.5
    /// How many indicator names each half of the summary lists.
    static let summaryLimit = 4

    /// Delimiters between field values in rendered contexts (`; `, `, `, ` | `, newlines). Quotes are
    /// not delimiters: a quoted executable and its quoted argument belong to one command line.
    private static let segmentDelimiters: Set<UInt8> = Set("|;,\n\r\t".utf8)

    /// Assesses one rendered prompt. Pure and deterministic: the same text always gives the same answer.
    /// `credulous` adds the weaknesses of ``HeuristicSusceptibility`` (the `heuristic-credulous` model).
    public static func assess(_ promptText: String, credulous: Bool = false) -> HeuristicAssessment {
        let text = Array(promptText.lowercased().utf8)
        let segments = splitSegments(text)

        var bad: [HeuristicRule] = []
        var good: [HeuristicRule] = []
        for rule in HeuristicRules.all where matches(rule, text: text, segments: segments) {
            switch rule.polarity {
            case .bad: bad.append(rule)
            case .good: good.append(rule)
            }
        }
        if credulous { good += HeuristicSusceptibility.matches(text) }

        let badScore = bad.reduce(0) { $0 + $1.weight }
        let goodScore = good.reduce(0) { $0 + $1.weight }
        let strongest = bad.map(\.weight).max() ?? 0
        let margin = badScore - goodScore

        let verdict: String
        let strength: Double
        if badScore == 0 {
            verdict = "FP"
            strength = goodScore + noEvidencePrior
        } else if margin <= 0 {
            verdict = "FP"
            strength = -margin
        } else if margin >= tpMargin && (strongest >= HeuristicRules.strongWeight || badScore >= strongTotal) {
            verdict = "TP"
            strength = margin
        } else {
            verdict = "SUSPICIOUS"
            strength = margin * suspiciousDamping
        }

        return HeuristicAssessment(
            verdict: verdict,
            confidence: confidence(forStrength: strength),
            summary: summary(verdict: verdict, bad: bad, good: good, badScore: badScore, goodScore: goodScore)
        )
    }

    /// Maps a non-negative score strength to [0.5, 0.99], rounded to two decimals.
    static func confidence(forStrength strength: Double) -> Double {
        let raw = 0.5 + 0.49 * (1 - exp(-max(0, strength) / confidenceScale))
        let clamped = min(0.99, max(0.5, raw))
        return (clamped * 100).rounded() / 100
    }

    // MARK: Matching

    static func matches(_ rule: HeuristicRule, text: [UInt8], segments: [ArraySlice<UInt8>]) -> Bool {
        if rule.sameSegment {
            return segments.contains { segment in
                containsAny(segment, rule.anyOf) && (rule.alsoAnyOf.isEmpty || containsAny(segment, rule.alsoAnyOf))
            }
        }
        let whole = text[...]
        return containsAny(whole, rule.anyOf) && (rule.alsoAnyOf.isEmpty || containsAny(whole, rule.alsoAnyOf))
    }

    static func containsAny(_ haystack: ArraySlice<UInt8>, _ needles: [[UInt8]]) -> Bool {
        needles.contains { contains(haystack, $0) }
    }

    /// Plain substring search over bytes (patterns are short; prompts are a few KB).
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        let lastStart = haystack.endIndex - needle.count
        var index = haystack.startIndex
        while index <= lastStart {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] {
                    offset += 1
                }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// The text cut at field delimiters, for rows that must match within one field value.
    static func splitSegments(_ text: [UInt8]) -> [ArraySlice<UInt8>] {
        text.split(omittingEmptySubsequences: true) { segmentDelimiters.contains($0) }
    }

    // MARK: Summary

    static func summary(
        verdict: String, bad: [HeuristicRule], good: [HeuristicRule], badScore: Double, goodScore: Double
    ) -> String {
        let badPart = bad.isEmpty
            ? "no known-bad indicators"
            : "known-bad: \(names(bad)) (+\(format(badScore)))"
        let goodPart = good.isEmpty
            ? "no trusted exceptions"
            : "trusted exceptions: \(names(good)) (-\(format(goodScore)))"
        let lead: String
        switch verdict {
        case "TP": lead = "Strong known-bad indicators dominate"
        case "SUSPICIOUS": lead = "Some known-bad indicators, not conclusive"
        default: lead = bad.isEmpty ? "Nothing known-bad matched" : "Trusted exceptions outweigh indicators"
        }
        return "\(lead); \(badPart); \(goodPart)."
    }

    /// Names of the heaviest rows, heaviest first, ties in table order.
    static func names(_ rules: [HeuristicRule]) -> String {
        let ordered = rules.enumerated()
            .sorted { lhs, rhs in
                lhs.element.weight != rhs.element.weight ? lhs.element.weight > rhs.element.weight : lhs.offset < rhs.offset
            }
            .map(\.element.name)
        let shown = ordered.prefix(summaryLimit).joined(separator: ", ")
        return ordered.count > summaryLimit ? "\(shown) +\(ordered.count - summaryLimit) more" : shown
    }

    static func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
