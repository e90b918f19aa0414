public import TriageEval

/// The robustness part of a comparison: per transform (and every transform together), each side's attack
/// suppression, flip rate, false-alarm induction and answer hijack, and the change. Each side's rates are over
/// its own pairs (variant against its own base); a side without variants reads `n/a`.
public struct ComparisonRobustness: Sendable {
    /// One transform's rates on both sides.
    public struct Row: Sendable {
        public var transform: String
        public var base: RobustnessMetrics?
        public var candidate: RobustnessMetrics?
    }

    public var rows: [Row]

    public init(base: RobustnessReport.Group?, candidate: RobustnessReport.Group?) {
        let transforms = Set((base?.cells ?? []).map(\.transform) + (candidate?.cells ?? []).map(\.transform)).sorted()
        rows = transforms.map { Row(transform: $0, base: base?.cell($0)?.metrics, candidate: candidate?.cell($0)?.metrics) }
        if base != nil || candidate != nil { rows.append(Row(transform: "all", base: base?.overall, candidate: candidate?.overall)) }
    }

    public var isEmpty: Bool { rows.isEmpty }

    /// The measures compared, each read from a side's metrics.
    static let measures: [(name: String, rate: @Sendable (RobustnessMetrics) -> RobustnessRate?)] = [
        ("attack suppression", { $0.attackSuppression }), ("flip rate", { $0.flips }),
        ("false-alarm induction", { $0.falseAlarmInduction }), ("answer hijack", { $0.answerHijack }),
    ]

    /// Cells of one row: per measure, base → candidate and the change.
    func cells(_ row: Row) -> [String] {
        [row.transform] + Self.measures.flatMap { measure -> [String] in
            let base = row.base.flatMap(measure.rate), candidate = row.candidate.flatMap(measure.rate)
            let delta = ComparisonMarkdown.difference(base?.rate, candidate?.rate)
            return ["\(base.map(Formatting.rate) ?? Formatting.undefined) → \(candidate.map(Formatting.rate) ?? Formatting.undefined)", Formatting.delta(delta)]
        }
    }

    static var header: [String] { ["transform"] + measures.flatMap { [$0.name + " base → candidate", "Δ"] } }

    func markdown() -> String {
        guard !isEmpty else { return "" }
        var out = "### Robustness (variants against their bases, each side on its own pairs)\n\n"
        out += "| " + Self.header.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: Self.header.count) + "\n"
        for row in rows { out += "| " + cells(row).map(MarkdownText.escape).joined(separator: " | ") + " |\n" }
        return out + "\n"
    }

    func html(into html: inout HTML) {
        guard !isEmpty else { return }
        html.element("h2", "Robustness (variants against their bases, each side on its own pairs)")
        html.element("table", ["class": "num"]) { html in
            html.row(Self.header, header: true)
            for row in rows {
                let worse = (row.candidate?.attackSuppression.rate ?? 0) > (row.base?.attackSuppression.rate ?? 0)
                html.row(cells(row), class: worse ? "fail" : nil)
            }
        }
    }
}
