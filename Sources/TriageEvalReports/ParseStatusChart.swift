internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// Horizontal bars: how many answers each parse status got, strict (production) and lenient, plus errors.
enum ParseStatusChart {
    static func render(_ results: some Collection<StoredResult>, into html: inout HTML) {
        // One pass, counting in place (a run's results are not copied).
        var strictCounts: [ParseStatus: Int] = [:], lenientCounts: [ParseStatus: Int] = [:]
        var errors = 0
        for result in results {
            guard !result.evaluation.isError else {
                errors += 1
                continue
            }
            if let status = result.evaluation.strict?.status { strictCounts[status, default: 0] += 1 }
            if let status = result.evaluation.lenient?.status { lenientCounts[status, default: 0] += 1 }
        }
        var rows: [(String, Int, Int)] = ParseStatus.allCases.map { status in
            (status.rawValue, strictCounts[status] ?? 0, lenientCounts[status] ?? 0)
        }
        rows.append(("provider error", errors, errors))
        let total = max(1, results.count)
        let width = 400.0, labelWidth = 110.0, barWidth = width - labelWidth - 90, rowHeight = 26.0
        let height = Double(rows.count) * rowHeight + 30
        let f = SVGPlot.format
        html.element("figure") { html in
            html.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "width": "\(Int(width))", "height": "\(Int(height))", "viewBox": "0 0 \(Int(width)) \(Int(height))", "role": "img", "aria-label": "Parse status breakdown"])
            for (index, (name, strict, lenient)) in rows.enumerated() {
                let y = 8 + Double(index) * rowHeight
                html.element("text", ["x": f(labelWidth - 6), "y": f(y + 13), "text-anchor": "end"], name)
                let strictWidth = barWidth * Double(strict) / Double(total)
                let lenientWidth = barWidth * Double(lenient) / Double(total)
                let color = name == "ok" ? "#1a7f37" : "#b42318"
                html.empty("rect", ["x": f(labelWidth), "y": f(y), "width": f(max(strictWidth, strict > 0 ? 1 : 0)), "height": "10", "fill": color])
                html.empty("rect", ["x": f(labelWidth), "y": f(y + 11), "width": f(max(lenientWidth, lenient > 0 ? 1 : 0)), "height": "6", "fill": color, "fill-opacity": "0.35"])
                html.element("text", ["x": f(labelWidth + max(strictWidth, lenientWidth) + 6), "y": f(y + 13)], name == "provider error" ? "\(strict)" : "\(strict) / \(lenient)")
            }
            html.element("text", ["x": f(labelWidth), "y": f(height - 6)], "strict (thick) / lenient (thin), of \(results.count) results")
            html.close("svg")
            html.element("figcaption", "Parse status: the strict parse is what production's DISSECT and TO_DOUBLE give; anything but ok never alerts.")
        }
    }
}
