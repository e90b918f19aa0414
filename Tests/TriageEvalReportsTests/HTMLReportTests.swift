import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

@Suite("HTML report")
struct HTMLReportTests {
    @Test("attacker-controlled strings render inert")
    func inert() throws {
        let html = HTMLReport.render(try HostileRun.analysis())
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<td>x"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;/td&gt; | x |"))
        #expect(html.contains("&lt;/pre&gt;&lt;script&gt;alert(2)"))
        // Every cell and block the data could have closed is balanced.
        for tag in ["td", "tr", "table", "pre", "details", "summary", "svg", "dd"] {
            #expect(html.occurrences(of: "<\(tag)>") + html.occurrences(of: "<\(tag) ") == html.occurrences(of: "</\(tag)>"), "unbalanced \(tag)")
        }
    }

    @Test("the page is self-contained with a restrictive CSP")
    func selfContained() throws {
        let html = HTMLReport.render(try HostileRun.analysis())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'"))
        #expect(!html.contains(" src="))
        #expect(!html.contains("href=\"http"))
        #expect(!html.contains("@import"))
        // The only URL is the SVG namespace; the hostile answers' URL stays inert text.
        #expect(html.occurrences(of: "://") == html.occurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"") + html.occurrences(of: "http://45.9.148.21/p.exe"))
    }

    @Test("it carries the summary, strict vs lenient, charts, the sweep and the cases with their prompt")
    func content() throws {
        let analysis = try HostileRun.analysis()
        let html = HTMLReport.render(analysis)
        #expect(analysis.groups.count == 2)
        for heading in ["Summary", "Strict vs lenient parse", "Threshold operating points", "By scenario", "Alert confusion", "Verdict confusion"] {
            #expect(html.contains(heading), "missing \(heading)")
        }
        #expect(html.occurrences(of: "aria-label=\"Reliability diagram\"") == 2)
        #expect(html.occurrences(of: "aria-label=\"Precision, recall and F1 against the confidence threshold\"") == 2)
        #expect(html.occurrences(of: "aria-label=\"Parse status breakdown\"") == 2)
        #expect(html.contains("production &gt; 0.7"))
        // The rendered prompt, escaped: the template puts the command line after "ran: ".
        #expect(html.contains("ran: cmd.exe /c echo &lt;script&gt;alert(1)&lt;/script&gt; &lt;/td&gt; | x |"))
        // Model b's evil answer has a preamble: strict no_match, lenient TP — one attack lost to format.
        let b = try #require(analysis.group(prompt: "host-triage@v1", model: "b"))
        #expect(b.formatLoss.alertsLost == 1)
        #expect(b.formatLoss.rightButUnparsed == 1)
        #expect(html.contains("Missed attacks (label TP, no alert by majority; unanswered counts as missed): 1 cases"))
    }

    @Test("per-case detail is capped; the rest are rows, then a count")
    func limits() throws {
        let evaluator = try reportEvaluator()
        let results = (0 ..< 30).map { index in
            storedResult("case-\(index)", label: .tp, scenario: "S", evaluation: evaluator.evaluate("verdict=FP confidence=0.9 summary=x"), revisionID: Int64(index))
        }
        let analysis = RunAnalysis(run: runInfo(planned: 30), results: results, thresholds: [:])
        let html = HTMLReport.render(analysis, limits: ReportLimits(detailedCases: 3, listedCases: 10))
        #expect(html.occurrences(of: "<details class=\"case\">") == 3)
        #expect(html.contains("17 more cases not shown here"))
    }

    @Test("a sweep with many distinct confidences is sampled in the table, keeping the operating points")
    func sweepSampling() throws {
        let evaluator = try reportEvaluator()
        let results = (0 ..< 300).map { index in
            storedResult("case-\(index)", label: index % 2 == 0 ? .tp : .fp, scenario: "S",
                         evaluation: evaluator.evaluate("verdict=TP confidence=\(Double(index) / 300) summary=x"), revisionID: Int64(index))
        }
        let analysis = RunAnalysis(run: runInfo(planned: 300), results: results, thresholds: [:])
        let sweep = try #require(analysis.groups.first?.sweep)
        #expect(sweep.points.count == 300)  // 300 distinct confidences; 210/300 is the production 0.7 itself
        let shown = HTMLGroupSection.shownPoints(sweep)
        #expect(shown.count <= HTMLGroupSection.sweepRows + 3)
        #expect(shown.contains { $0.threshold == 0.7 })
        #expect(shown.contains { $0.threshold == sweep.bestF1.threshold })
        #expect(HTMLReport.render(analysis).contains("table shows 100 of them"))
    }
}
