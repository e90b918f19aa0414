internal import Foundation
internal import TriageEval

/// The reliability diagram: observed frequency of attacks against stated p_malicious, per bin, with counts.
enum ReliabilityChart {
    static func render(_ calibration: CalibrationMetrics, into html: inout HTML) {
        let plot = SVGPlot(width: 340, height: 300)
        let f = SVGPlot.format
        html.element("figure") { html in
            plot.open(&html, label: "Reliability diagram")
            plot.axes(&html, xTitle: "stated p(malicious)", yTitle: "observed attack frequency")
            html.empty("line", ["x1": f(plot.x(0)), "y1": f(plot.y(0)), "x2": f(plot.x(1)), "y2": f(plot.y(1)), "stroke": "#8c959f", "stroke-dasharray": "4 3"])
            var points: [String] = []
            for bin in calibration.reliability where bin.count > 0 {
                guard let observed = bin.observedFrequency, let predicted = bin.meanPredicted else { continue }
                let x0 = plot.x(bin.lower) + 2, x1 = plot.x(bin.upper) - 2
                html.element("rect", ["x": f(x0), "y": f(plot.y(observed)), "width": f(x1 - x0), "height": f(plot.y(0) - plot.y(observed)), "fill": "#9ecbff", "fill-opacity": "0.7"]) { html in
                    html.element("title", "bin [\(f(bin.lower)), \(f(bin.upper))): \(bin.count) answers, mean stated \(f(predicted)), observed \(f(observed))")
                }
                html.element("text", ["x": f((x0 + x1) / 2), "y": f(plot.y(observed) - 4), "text-anchor": "middle"], "\(bin.count)")
                points.append("\(f(plot.x(predicted))),\(f(plot.y(observed)))")
            }
            if !points.isEmpty {
                html.empty("polyline", ["points": points.joined(separator: " "), "fill": "none", "stroke": "#0b5cad", "stroke-width": "1.5"])
                for point in points {
                    let xy = point.split(separator: ",")
                    html.empty("circle", ["cx": String(xy[0]), "cy": String(xy[1]), "r": "3", "fill": "#0b5cad"])
                }
            }
            html.close("svg")
            html.element("figcaption", "Reliability: bars are each bin's observed attack frequency (number above = answers in the bin); dots sit at the bin's mean stated probability. On the dashed diagonal the stated confidence is honest. \(calibration.n) answers with a confidence in [0, 1]; ECE \(Formatting.metric(calibration.ece)).")
        }
    }
}
