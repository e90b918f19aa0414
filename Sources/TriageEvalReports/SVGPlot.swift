internal import Foundation

/// A plot area inside an inline SVG: maps data coordinates to pixels and draws axes with ticks.
struct SVGPlot {
    var width: Double
    var height: Double
    var top = 14.0
    var bottom = 38.0
    var left = 44.0
    var right = 12.0
    var xRange: ClosedRange<Double> = 0...1
    var yRange: ClosedRange<Double> = 0...1

    func x(_ value: Double) -> Double {
        left + (value - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - left - right)
    }

    func y(_ value: Double) -> Double {
        height - bottom - (value - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom)
    }

    /// A coordinate with two decimals (keeps the SVG small).
    static func format(_ value: Double) -> String { String(format: "%.2f", value) }

    /// Opens `<svg>` with an accessible label.
    func open(_ html: inout HTML, label: String) {
        html.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "width": "\(Int(width))", "height": "\(Int(height))", "viewBox": "0 0 \(Int(width)) \(Int(height))", "role": "img", "aria-label": label])
    }

    /// Axes, a light grid at each 0.1 (labels at each 0.2) and the axis titles.
    func axes(_ html: inout HTML, xTitle: String, yTitle: String) {
        let f = Self.format
        for step in 0...10 {
            let t = Double(step) / 10
            let major = step % 2 == 0
            html.empty("line", ["x1": f(x(t)), "y1": f(y(0)), "x2": f(x(t)), "y2": f(y(1)), "stroke": major ? "#e5e9ee" : "#f1f3f5"])
            html.empty("line", ["x1": f(x(0)), "y1": f(y(t)), "x2": f(x(1)), "y2": f(y(t)), "stroke": major ? "#e5e9ee" : "#f1f3f5"])
            if major {
                html.element("text", ["x": f(x(t)), "y": f(y(0) + 14), "text-anchor": "middle"], String(format: "%.1f", t))
                html.element("text", ["x": f(x(0) - 6), "y": f(y(t) + 4), "text-anchor": "end"], String(format: "%.1f", t))
            }
        }
        html.empty("rect", ["x": f(x(0)), "y": f(y(1)), "width": f(x(1) - x(0)), "height": f(y(0) - y(1)), "fill": "none", "stroke": "#8c959f"])
        html.element("text", ["x": f((x(0) + x(1)) / 2), "y": f(y(0) + 30), "text-anchor": "middle"], xTitle)
        html.element("text", ["x": "12", "y": f((y(0) + y(1)) / 2), "text-anchor": "middle", "transform": "rotate(-90 12 \(f((y(0) + y(1)) / 2)))"], yTitle)
    }
}
