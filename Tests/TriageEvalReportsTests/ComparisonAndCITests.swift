import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Comparison, gate, JUnit and export outputs")
struct ComparisonAndCITests {
    static let markupMarkers = ["<script", "</td>", "<b>", "@team", "`rm", "</pre>"]

    static func comparison() throws -> RunComparison {
        let analysis = try HostileRun.analysis()
        let a = try #require(analysis.group(prompt: "host-triage@v1", model: "a"))
        let b = try #require(analysis.group(prompt: "host-triage@v1", model: "b"))
        return RunComparison(base: .init(runID: 7, group: a), candidate: .init(runID: 7, group: b), seed: 5, resamples: 200)
    }

    @Test("the Markdown run report keeps hostile strings inert and tables whole")
    func markdown() throws {
        let markdown = MarkdownReport.render(try HostileRun.analysis())
        for marker in Self.markupMarkers {
            #expect(!markdown.contains(marker), "\(marker) leaked")
        }
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;/td&gt; &#124; x &#124;"))
        for line in markdown.split(separator: "\n") where line.hasPrefix("| evil") {
            #expect(line.hasSuffix("|"))
        }
        #expect(markdown.contains("## Strict vs lenient parse"))
        #expect(markdown.contains("| host-triage@<!-- -->v1 | b | 1 | 0 | 1 | 1 |"))
    }

    @Test("the comparison names flipped cases with both answers, escaped")
    func comparisonOutputs() throws {
        let comparison = try Self.comparison()
        // a: evil wrong (FP), benign wrong (TP alert). b: evil wrong (no_match), benign right.
        #expect(comparison.statistics.paired == 2)
        #expect(comparison.statistics.b == 0)
        #expect(comparison.statistics.c == 1)
        #expect(comparison.statistics.pValue == 1)
        #expect(comparison.flipped.map(\.flip.caseID) == ["benign-01"])
        let markdown = ComparisonMarkdown.render(comparison)
        #expect(markdown.contains("b = 0 (base right, candidate wrong), c = 1"))
        #expect(markdown.contains("| benign-01 | FP | alert ✗ | no alert ✓ |"))
        #expect(markdown.contains("&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;"))
        for marker in Self.markupMarkers {
            #expect(!markdown.contains(marker), "\(marker) leaked")
        }
        let html = ComparisonHTML.render(comparison)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;/pre&gt;&lt;script&gt;alert(2)"))
        #expect(html.occurrences(of: "<pre>") == html.occurrences(of: "</pre>"))
        #expect(ComparisonMarkdown.render(try Self.comparison()) == markdown)  // same seed, same text
    }

    @Test("the gate report lists each check; Markdown is escaped")
    func gate() throws {
        let analysis = try HostileRun.analysis()
        let policy = GatePolicy(minRecall: 0.5, maxFPR: 0.0)
        let report = try GateReport(analysis: analysis, subjects: analysis.groups, baseline: nil, policy: policy)
        // The run, then per group: max_error_rate, min_recall, max_fpr, must_alert, must_not_alert.
        #expect(report.checks.count == 11)
        #expect(!report.passed)
        let failing = report.checks.filter { !$0.passed }.map { "\($0.subject) \($0.kind.rawValue)" }
        #expect(failing == [
            "host-triage@v1 × a min_recall", "host-triage@v1 × a max_fpr", "host-triage@v1 × a must_alert",
            "host-triage@v1 × b min_recall", "host-triage@v1 × b must_alert",
        ])
        let markdown = report.markdown()
        for marker in Self.markupMarkers {
            #expect(!markdown.contains(marker), "\(marker) leaked")
        }
        #expect(markdown.contains("evil-&lt;script&gt;"))
        #expect(report.text().contains("FAIL  host-triage@v1 × a  max_fpr: 1.000 (≤ 0)"))
    }

    @Test("JUnit XML is well-formed: one testcase per case × prompt × model, failures for wrong decisions")
    func junit() throws {
        let xml = JUnitReport.render(try HostileRun.analysis())
        final class Counter: NSObject, XMLParserDelegate {
            var counts: [String: Int] = [:]
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                counts[name, default: 0] += 1
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(counter.counts["testsuite"] == 2)
        #expect(counter.counts["testcase"] == 4)
        #expect(counter.counts["failure"] == 3)
        #expect(xml.contains("<testsuites name=\"triage-eval run 7\" tests=\"4\" failures=\"3\" errors=\"0\">"))
        #expect(!xml.contains("<script"))
    }

    @Test("CSV quotes, doubles quotes and neutralizes formulas; JSON Lines keep nulls")
    func export() throws {
        let evaluator = try reportEvaluator()
        let results = [
            storedResult("=HYPERLINK(\"x\")", label: .tp, scenario: "a,b", evaluation: evaluator.evaluate("verdict=TP confidence=0.9 summary=\"quoted\"\nnext")),
            storedResult("c2", label: .fp, scenario: "s", evaluation: .failed("timeout: 60 s"), revisionID: 2),
        ]
        let csv = ResultsExport.csv(results)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == ResultsExport.columns.joined(separator: ","))
        #expect(lines[1].hasPrefix("\"'=HYPERLINK(\"\"x\"\")\",host-triage@v1,simulated,0,TP,\"a,b\",ok,TP,TP,0.9,,true,"))
        #expect(csv.contains("summary=\"\"quoted\"\"\nnext\""))
        let jsonl = try ResultsExport.jsonLines(results).split(separator: "\n")
        #expect(jsonl.count == 2)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(jsonl[1].utf8)) as? [String: Any])
        #expect(second["parse_status"] as? String == "error")
        #expect(second["confidence"] is NSNull)
        #expect(second["error"] as? String == "timeout: 60 s")
        #expect(Set(second.keys) == Set(ResultsExport.columns))
    }

    @Test("the JSON report carries the threshold sweep and the strict-vs-lenient block")
    func jsonSweep() throws {
        let json = try JSONReport.render(try HostileRun.analysis())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        let sweep = try #require(results.first?["threshold_sweep"] as? [String: Any])
        #expect(sweep["production_threshold"] as? Double == 0.7)
        let points = try #require(sweep["points"] as? [[String: Any]])
        // Model a's alerting-verdict answers: benign TP at 0.9; plus the production threshold 0.7.
        #expect(points.compactMap { $0["threshold"] as? Double } == [0.7, 0.9])
        #expect(sweep["production_index"] as? Int == 0)
        let format = try #require(results.last?["strict_vs_lenient"] as? [String: Any])
        #expect(format["alerts_lost_to_format"] as? Int == 1)
    }
}
