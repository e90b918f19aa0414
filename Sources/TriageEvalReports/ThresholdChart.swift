internal import Foundation
internal import TriageEval

/// Precision, recall and F1 against the confidence threshold, with the production threshold marked.
enum ThresholdChart {
    static func render(_ sweep: ThresholdSweep, into html: inout HTML) {
        let plot = SVGPlot(width: 400, height: 320, top: 26, bottom: 56)
        let f = SVGPlot.format
        // Confidences outside [0, 1] (e.g. `confidence=95`) are clamped to the edge of the chart.
        // At most one point per pixel column keeps the SVG small with thousands of distinct confidences.
        var points: [(x: Double, metrics: AlertMetrics)] = []
        for point in sweep.points {
            let x = min(max(point.threshold, 0), 1)
            if let last = points.last, (plot.x(last.x)).rounded() == (plot.x(x)).rounded() { points.removeLast() }
            points.append((x, point))
        }
        html.element("figure") { html in
            plot.open(&html, label: "Precision, recall and F1 against the confidence threshold")
            plot.axes(&html, xTitle: "threshold (alert when confidence \(sweep.comparison.rawValue) t)", yTitle: "rate")
            let series: [(String, String, String, (AlertMetrics) -> Double)] = [
                ("precision", "#0b5cad", "", { $0.precision }),
                ("recall", "#b42318", "", { $0.recall }),
                ("F1", "#1a7f37", "5 3", { $0.f1 }),
            ]
            for (index, (name, color, dash, value)) in series.enumerated() {
                // A step function: each point's value holds until the next threshold.
                var path = ""
                for (offset, point) in points.enumerated() {
                    let command = offset == 0 ? "M" : "H\(f(plot.x(point.x)))V"
                    path += offset == 0 ? "\(command)\(f(plot.x(point.x))),\(f(plot.y(value(point.metrics))))" : "\(command)\(f(plot.y(value(point.metrics))))"
                }
                if let last = points.last { path += "H\(f(plot.x(max(last.x, 1))))" }
                html.empty("path", ["d": path, "fill": "none", "stroke": color, "stroke-width": "1.8", "stroke-dasharray": dash])
                let legendX = plot.x(0) + Double(index) * 86
                html.empty("line", ["x1": f(legendX), "y1": f(plot.height - 10), "x2": f(legendX + 18), "y2": f(plot.height - 10), "stroke": color, "stroke-width": "2", "stroke-dasharray": dash])
                html.element("text", ["x": f(legendX + 22), "y": f(plot.height - 6)], name)
            }
            let production = min(max(sweep.productionThreshold, 0), 1)
            html.empty("line", ["x1": f(plot.x(production)), "y1": f(plot.y(0)), "x2": f(plot.x(production)), "y2": f(plot.y(1)), "stroke": "#1b1f24", "stroke-width": "1.5", "stroke-dasharray": "2 2"])
            html.element("text", ["x": f(plot.x(production)), "y": f(plot.y(1) - 8), "text-anchor": "middle"], "production \(sweep.comparison.rawValue) \(Formatting.threshold(sweep.productionThreshold))")
            let op = sweep.comparison.rawValue
            marker(&html, plot: plot, at: sweep.bestF1, label: "best F1", color: "#1a7f37", op: op)
            if let recallFirst = sweep.recallFirst { marker(&html, plot: plot, at: recallFirst, label: "recall-first", color: "#b42318", op: op) }
            html.close("svg")
            let recallFirst = sweep.recallFirst.map { "at \(op) \(Formatting.threshold($0.threshold))" }
                ?? "unreachable (highest recall \(Formatting.metric(sweep.highestRecall.definedRecall)))"
            html.element("figcaption", "Alert rule with the threshold moved (verdict rule unchanged). Points at each distinct stated confidence: \(sweep.points.count). Best F1 at \(op) \(Formatting.threshold(sweep.bestF1.threshold)); recall-first (recall ≥ \(Formatting.threshold(sweep.recallTarget)), highest threshold) \(recallFirst).")
        }
    }

    private static func marker(_ html: inout HTML, plot: SVGPlot, at point: AlertMetrics, label: String, color: String, op: String) {
        let f = SVGPlot.format
        let x = plot.x(min(max(point.threshold, 0), 1))
        let y = plot.y(label == "best F1" ? point.f1 : point.recall)
        html.element("circle", ["cx": f(x), "cy": f(y), "r": "4.5", "fill": "none", "stroke": color, "stroke-width": "2"]) { html in
            html.element("title", "\(label): threshold \(op) \(Formatting.threshold(point.threshold)), precision \(Formatting.metric(point.definedPrecision)), recall \(Formatting.metric(point.definedRecall)), F1 \(Formatting.metric(point.definedF1))")
        }
    }
}
