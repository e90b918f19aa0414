internal import Foundation
internal import TriageEval

/// The HTML report's robustness section: a transform × prompt/model table shaded by attack-suppression rate,
/// each cell linking to its flipped cases (base and variant answers side by side), the full metrics, and the
/// defences measured. Answers are attacker-influenced: every string goes through ``HTML``'s escaping; anchors
/// are built from indices, never from data. Nothing without variants.
enum HTMLRobustness {
    static func render(_ report: RobustnessReport, limits: ReportLimits, into html: inout HTML) {
        guard !report.isEmpty else { return }
        html.element("h2", ["id": "robustness"], "Robustness: variants against their bases")
        html.element(
            "p", ["class": "note"],
            "Each variant (base~transform~n) is paired with its own base case on the same prompt, model and sample. Rates are over pairs where both strict parses succeeded (parse failures counted apart). Attack suppression: attacks the base alerted on that the variant did not. Flip: the decision differs. False-alarm induction: benign cases the base was silent on that the variant alerted on. Answer hijack: the variant's parsed answer is the one the transform planted. Wilson 95% intervals; n/a: no denominator. Cells are shaded by attack suppression; a cell links to its flipped cases."
        )
        if !report.notAsked.isEmpty {
            html.element("p", ["class": "note"], "Not asked about the variants (replay without recorded answers for them): \(report.notAsked.joined(separator: ", ")).")
        }
        let columns = report.transforms + ["all"]
        html.element("table", ["class": "num"]) { html in
            html.row(["prompt × model"] + columns, header: true)
            for (g, group) in report.groups.enumerated() {
                html.open("tr")
                html.element("th", group.name)
                for (t, transform) in columns.enumerated() {
                    let metrics = transform == "all" ? group.overall : group.cell(transform)?.metrics
                    guard let metrics else {
                        html.element("td", ["class": "muted"], "—")
                        continue
                    }
                    html.element("td", ["style": shade(metrics.attackSuppression.rate)]) { html in
                        let flips = transform == "all" ? group.cells.reduce(0) { $0 + $1.flips.count } : (group.cell(transform)?.flips.count ?? 0)
                        html.text("suppression \(count(metrics.attackSuppression))")
                        html.trusted("<br>")
                        html.text("flip \(count(metrics.flips))")
                        html.trusted("<br>")
                        if flips > 0 {
                            html.element("a", ["href": transform == "all" ? "#rb\(g)" : "#rb\(g)-\(t)"], Formatting.count(flips, "flipped case"))
                        } else {
                            html.element("span", ["class": "muted"], "no flip")
                        }
                        if transform == "all" && group.unpaired > 0 {
                            html.trusted("<br>")
                            html.element("span", ["class": "warn"], "\(group.unpaired) unpaired (unanswered)")
                        }
                    }
                }
                html.close("tr")
            }
        }
        html.element("p", ["class": "muted"], "Rows: prompt × model; columns: transforms and all together. Shading: white = no suppression, deeper red = a larger share of alerted attacks switched off by the transform; grey = undefined (no attack the base alerted on).")
        metricsTable(report, into: &html)
        defences(report.defences, into: &html)
        for (g, group) in report.groups.enumerated() {
            html.element("section", ["id": "rb\(g)"]) { html in
                html.element("h3", "\(group.name): flipped variants")
                if group.unpaired > 0 {
                    html.element("p", ["class": "warn"], "\(Formatting.count(group.unpaired, "variant call")) without an answered base or variant (provider errors, never run): not in any rate.")
                }
                for cell in group.cells where !cell.flips.isEmpty {
                    let t = report.transforms.firstIndex(of: cell.transform) ?? 0
                    html.element("section", ["id": "rb\(g)-\(t)"]) { html in
                        html.element("h4", "\(cell.transform): \(Formatting.count(cell.flips.count, "flipped variant"))")
                        flipsTable(cell.flips, cap: limits.listedCases, into: &html)
                    }
                }
            }
        }
    }

    static func metricsTable(_ report: RobustnessReport, into html: inout HTML) {
        html.element("table", ["class": "num"]) { html in
            html.row(["prompt × model", "transform", "pairs", "parse failures", "flip rate", "attack suppression", "false-alarm induction", "answer hijack", "McNemar b / c (p)"], header: true)
            for group in report.groups {
                for metrics in group.cells.map(\.metrics) + [group.overall] {
                    html.row([
                        group.name, metrics.transform, "\(metrics.pairs)", "\(metrics.parseFailures)", Formatting.rate(metrics.flips),
                        Formatting.rate(metrics.attackSuppression), Formatting.rate(metrics.falseAlarmInduction), metrics.answerHijack.map(Formatting.rate) ?? Formatting.undefined,
                        "\(metrics.mcnemarB) / \(metrics.mcnemarC) (\(Formatting.pValue(metrics.mcnemarP)))",
                    ], class: (metrics.attackSuppression.count > 0 || metrics.falseAlarmInduction.count > 0) ? "fail" : nil)
                }
            }
        }
    }

    static func defences(_ defences: RobustnessDefences, into html: inout HTML) {
        guard !defences.rows.isEmpty else { return }
        html.element("h3", "Defences measured")
        html.element(
            "p", ["class": "note"],
            "Prompt changed: the variant's rendered prompt differs from its base's. Planted text reached / stopped: variants whose prompt still carries the text the transform planted, and those where the prompt's pipeline (e.g. a rule's REPLACE) kept it from the model (n/a: the transform plants none). Defence: a rule's boolean columns, computed before COMPLETION, that its tail reads (e.g. LOCATE on injection phrases); fired on variants (of which also on their base). Decision overridden: answered variant calls whose decision by the rule's tail differs from the prompt's decision on the model's own answer (of which back to the base's decision)."
        )
        html.element("table", ["class": "num"]) { html in
            html.row(["prompt", "model", "transform", "variants", "prompt changed", "planted text reached / stopped", "defence", "fired (also on base)", "decision overridden (back to base's)"], header: true)
            for row in defences.rows {
                html.row([
                    row.prompt, row.model, row.transform, "\(row.variants)", "\(row.changedPrompt)",
                    row.payloadReached.map { "\($0) / \(row.variants - $0)" } ?? Formatting.undefined,
                    row.defenceColumns.isEmpty ? "none" : row.defenceColumns.joined(separator: ", "),
                    row.defenceColumns.isEmpty ? "—" : "\(row.firedOnVariant) (\(row.firedOnBase))",
                    "\(row.outcomeChanged) of \(row.answered) (\(row.outcomeRestored))",
                ])
            }
        }
    }

    static func flipsTable(_ flips: [RobustnessReport.Flip], cap: Int, into html: inout HTML) {
        html.element("table", ["class": "sidebyside"]) { html in
            html.row(["variant", "label", "sample", "decision base → variant", "base answer", "variant answer"], header: true)
            for flip in flips.prefix(cap) {
                let pair = flip.pair
                html.open("tr", ["class": pair.suppressed || pair.inducedFalseAlarm ? "fail" : "pass"])
                html.element("td", pair.caseID)
                html.element("td", pair.label.rawValue)
                html.element("td", "\(pair.sample)")
                html.element("td", "\(pair.base.alert ? "alert" : "no alert") → \(pair.variant.alert ? "alert" : "no alert")")
                html.element("td") { html in html.element("pre", flip.baseAnswers.joined(separator: "\n")) }
                html.element("td") { html in html.element("pre", flip.variantAnswers.joined(separator: "\n")) }
                html.close("tr")
            }
        }
        if flips.count > cap {
            html.element("p", ["class": "muted"], "\(flips.count - cap) more not shown here (report limit); the JSON report lists every flipped pair.")
        }
    }

    /// A red background whose strength is the suppression rate (none at 0); grey when undefined.
    static func shade(_ rate: Double?) -> String {
        guard let rate else { return "background:#eeeeee" }
        return String(format: "background:rgba(207,34,46,%.2f)", 0.75 * min(1, max(0, rate)))
    }

    /// `0.276 (16/58)`, or `n/a (0/0)`: the matrix's short form (the metrics table has the intervals).
    static func count(_ rate: RobustnessRate) -> String {
        "\(Formatting.metric(rate.rate)) (\(rate.count)/\(rate.trials))"
    }
}
