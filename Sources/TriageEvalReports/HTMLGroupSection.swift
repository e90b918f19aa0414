internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// One prompt × model in the HTML report: confusion matrices, scenarios, charts, the sweep and the cases.
enum HTMLGroupSection {
    static func render(_ group: RunAnalysis.Group, anchor: String, analysis: RunAnalysis, limits: ReportLimits, into html: inout HTML) {
        let m = group.overall, a = m.alert
        html.element("h2", ["id": anchor], group.name)
        var line = "Alert when \(group.decisionText) · alert verdicts \(group.policy.alertVerdicts.joined(separator: ", ")) · AUROC \(Formatting.metric(m.calibration.auroc)) · AP \(Formatting.metric(m.calibration.averagePrecision)) · MCE \(Formatting.metric(m.calibration.mce))"
        let injection = group.injectionMisses
        if injection.total > 0 { line += " · injection cases decided wrong: \(injection.missed)/\(injection.total)" }
        if let repeats = m.repeats { line += " · repeats: \(repeats.flippedCases)/\(repeats.nCases) cases flipped verdict (\(Formatting.percent(repeats.flipRate)))" }
        html.element("p", line)
        DeclaredOutputReport.html(group, into: &html)
        if !group.errors.isEmpty {
            let causes = group.errors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            html.element("p", ["class": "bad"], "Provider errors after retries: \(causes). Finish with triage-eval run --resume \(analysis.run.id).")
        }
        html.element("div", ["class": "charts"]) { html in
            html.element("div") { html in
                html.element("h3", "Alert confusion")
                html.element("table", ["class": "cm"]) { html in
                    html.row(["label \\ decision", "alert", "no alert"], header: true)
                    html.row(["TP (attack)", "\(a.tp)", "\(a.fn)"])
                    html.row(["FP (benign)", "\(a.fp)", "\(a.tn)"])
                }
                html.element("h3", "Verdict confusion")
                html.element("table", ["class": "cm"]) { html in
                    html.row(["label \\ verdict", "TP", "SUSPICIOUS", "FP", "unparsed"], header: true)
                    for label in Label.allCases {
                        let counts = m.verdictConfusion[label]
                        html.row([label.rawValue, "\(counts.tp)", "\(counts.suspicious)", "\(counts.fp)", "\(counts.unparsed)"])
                    }
                }
            }
            if group.scoreNote == nil { ReliabilityChart.render(m.calibration, into: &html) }
            if group.sweepNote == nil { ThresholdChart.render(group.sweep, into: &html) }
            ParseStatusChart.render(group.results, into: &html)
        }
        html.element("h3", "By scenario")
        html.element("table", ["class": "num"]) { html in
            html.row(["scenario", "n", "TP", "FP", "TN", "FN", "precision", "recall", "FPR", "ECE", "parse failures"], header: true)
            for (scenario, s) in group.byScenario.sorted(by: { $0.key < $1.key }) {
                html.row([
                    scenario, "\(s.n)", "\(s.alert.tp)", "\(s.alert.fp)", "\(s.alert.tn)", "\(s.alert.fn)", Formatting.metric(s.alert.definedPrecision),
                    Formatting.metric(s.alert.definedRecall), Formatting.metric(s.alert.definedFPR), Formatting.metric(s.calibration.ece), "\(s.parseFailures)",
                ], class: s.alert.fn + s.alert.fp > 0 ? "fail" : nil)
            }
        }
        if group.sweepNote == nil { sweepTable(group.sweep, into: &html) }
        HTMLCaseList.render(group, analysis: analysis, limits: limits, into: &html)
    }

    /// Sweep rows shown: every point up to `sweepRows`, else an even sample plus the marked operating points.
    static func shownPoints(_ sweep: ThresholdSweep, limit: Int = sweepRows) -> [AlertMetrics] {
        guard sweep.points.count > limit else { return sweep.points }
        let step = Double(sweep.points.count) / Double(limit)
        var thresholds = Set((0 ..< limit).map { sweep.points[Int(Double($0) * step)].threshold })
        thresholds.formUnion([sweep.productionThreshold, sweep.bestF1.threshold] + [sweep.recallFirst?.threshold].compactMap { $0 })
        return sweep.points.filter { thresholds.contains($0.threshold) }
    }

    /// The most rows the sweep table shows (the JSON report has every point).
    static let sweepRows = 100

    static func sweepTable(_ sweep: ThresholdSweep, into html: inout HTML) {
        let rank = sweep.points.firstIndex { $0.threshold == sweep.productionThreshold } ?? 0
        html.element("details") { html in
            html.element("summary", "Threshold sweep: \(sweep.points.count) points\(sweep.points.count > sweepRows ? " (table shows \(sweepRows) of them and the operating points; the JSON report has all)" : ""); production \(sweep.comparison.rawValue) \(Formatting.threshold(sweep.productionThreshold)) is point \(rank + 1) (F1 \(Formatting.metric(sweep.production.definedF1)) vs best \(Formatting.metric(sweep.bestF1.definedF1)) at \(sweep.comparison.rawValue) \(Formatting.threshold(sweep.bestF1.threshold)))")
            html.element("table", ["class": "num"]) { html in
                html.row(["threshold (\(sweep.comparison.rawValue))", "point", "precision", "recall", "F1", "FPR", "TP", "FP", "TN", "FN"], header: true)
                for point in shownPoints(sweep) {
                    var marks: [String] = []
                    if point.threshold == sweep.productionThreshold { marks.append("production") }
                    if point.threshold == sweep.bestF1.threshold { marks.append("best F1") }
                    if point.threshold == sweep.recallFirst?.threshold { marks.append("recall-first") }
                    html.row([
                        Formatting.threshold(point.threshold), marks.joined(separator: ", "), Formatting.metric(point.definedPrecision), Formatting.metric(point.definedRecall),
                        Formatting.metric(point.definedF1), Formatting.metric(point.definedFPR), "\(point.tp)", "\(point.fp)", "\(point.tn)", "\(point.fn)",
                    ], class: marks.contains("production") ? "pass" : nil)
                }
            }
        }
    }
}
