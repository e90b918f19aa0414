import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

@Suite("MarkdownText")
struct MarkdownTextTests {
    /// The escaped text without its `<br>` line breaks and link-splitting comments: what must hold no markup at all.
    static func withoutBreaks(_ text: String) -> String {
        text.replacingOccurrences(of: "<br>", with: "").replacingOccurrences(of: MarkdownText.separator, with: "")
    }

    @Test("hostile strings lose every character that could break out of a cell", arguments: hostileStrings + [hostileText])
    func noRawMarkup(_ input: String) {
        let escaped = MarkdownText.escape(input)
        let bare = Self.withoutBreaks(escaped)
        for character in ["<", ">", "|", "`", "\n", "\r"] {
            #expect(!bare.contains(character), "\(character) survived in \(escaped)")
        }
        // Whatever GitHub would link or mention is split by an empty comment.
        for trigger in ["@team", "see #12", "http://", "WWW.evil"] where input.contains(trigger) {
            #expect(!escaped.contains(trigger), "\(trigger) survived in \(escaped)")
        }
    }

    @Test("exact escapes")
    func exact() {
        #expect(MarkdownText.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(MarkdownText.escape("</td>") == "&lt;/td&gt;")
        #expect(MarkdownText.escape("| x |") == "&#124; x &#124;")
        #expect(MarkdownText.escape("`code`") == "&#96;code&#96;")
        #expect(MarkdownText.escape("@team") == "@<!-- -->team")
        #expect(MarkdownText.escape("fixes #12") == "fixes #<!-- -->12")
        #expect(MarkdownText.escape("http://45.9.148.21/p.exe") == "http<!-- -->://45.9.148.21/p.exe")
        #expect(MarkdownText.escape("WWW.evil.example") == "WWW<!-- -->.evil.example")
        #expect(MarkdownText.escape("at 12:30:01 on C:\\") == "at 12:30:01 on C:\\\\")
        #expect(MarkdownText.escape("a\nb\r\nc\rd") == "a<br>b<br>c<br>d")
        #expect(MarkdownText.escape("**bold** [link](x) C:\\Temp") == "\\*\\*bold\\*\\* \\[link\\](x) C:\\\\Temp")
        #expect(MarkdownText.escape("plain text 42") == "plain text 42")
    }

    @Test("cell shortens long text after escaping a prefix")
    func cell() {
        let long = String(repeating: "|", count: 10)
        #expect(MarkdownText.cell(long, limit: 3) == "&#124;&#124;&#124;…")
        #expect(MarkdownText.cell("short", limit: 10) == "short")
    }
}

@Suite("Reports")
struct ReportTests {
    /// Four results of one prompt × model, with hostile text in answers and summaries:
    /// a TP missed by a format slip, a TP caught, an FP wrongly alerted, and an FP answer that fails to parse.
    static func hostileAnalysis() throws -> RunAnalysis {
        let evaluator = try reportEvaluator()
        let results = [
            storedResult(
                "cert-01", label: .tp, scenario: "certutil",
                evaluation: evaluator.evaluate("**Verdict:** TP, confidence: 0.95 \(hostileText)"), revisionID: 1, tags: ["injection"]
            ),
            storedResult("cert-02", label: .tp, scenario: "certutil", evaluation: evaluator.evaluate("verdict=TP confidence=0.9 summary=ok"), revisionID: 2),
            storedResult(
                "sccm-01", label: .fp, scenario: "S|CCM <b>", evaluation: evaluator.evaluate("verdict=TP confidence=0.99 summary=\(hostileText)"), revisionID: 3
            ),
            storedResult("sccm-02", label: .fp, scenario: "S|CCM <b>", evaluation: evaluator.evaluate("I think FP. \(hostileText)"), revisionID: 4),
        ]
        return RunAnalysis(run: runInfo(planned: 4), results: results, thresholds: ["host-triage@v1": 0.7])
    }

    /// Unescaped `|` in a line.
    static func pipes(_ line: Substring) -> Int { line.count { $0 == "|" } }

    @Test("every Markdown table row keeps the header's column count")
    func markdownTables() throws {
        let analysis = try Self.hostileAnalysis()
        let group = try #require(analysis.groups.first)
        #expect(group.wrongDecisions.count == 2)
        #expect(group.parseFailures.count == 2)

        let markdown = MarkdownReport.render(analysis)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var tables: [[Substring]] = []
        var current: [Substring] = []
        for line in lines {
            if line.hasPrefix("|") {
                current.append(line)
            } else if !current.isEmpty {
                tables.append(current)
                current = []
            }
        }
        if !current.isEmpty { tables.append(current) }

        // Case summary, its missed-attack and false-alarm lists, metrics, strict vs lenient, operating points, by scenario,
        // verdict confusion, wrong decisions, parse failures.
        #expect(tables.count == 10)
        for table in tables {
            let header = try #require(table.first)
            #expect(table.count >= 3, "a table has a header, a separator and rows: \(header)")
            for row in table {
                #expect(Self.pipes(row) == Self.pipes(header), "row \(row) does not match header \(header)")
                #expect(row.hasSuffix("|"))
            }
        }
        let wrong = try #require(tables.first { $0.first?.hasPrefix("| case | label | scenario | samples") == true })
        #expect(wrong.count == 2 + 2)
        let failures = try #require(tables.first { $0.first?.hasPrefix("| case | samples (status)") == true })
        #expect(failures.count == 2 + 2)
        let scenarios = try #require(tables.first { $0.first?.hasPrefix("| scenario |") == true })
        #expect(scenarios.count == 2 + 2)

        for marker in ["<script", "</td>", "<b>", "@team", "`rm"] {
            #expect(!markdown.contains(marker), "\(marker) leaked into the report")
        }
        #expect(markdown.contains("&lt;script&gt;"))
        #expect(markdown.contains("S&#124;CCM &lt;b&gt;"))
        #expect(markdown.contains("injection cases decided wrong: 1/1"))
    }

    @Test("the JSON report parses and carries run, metrics and scenarios")
    func jsonReport() throws {
        let analysis = try Self.hostileAnalysis()
        let json = try JSONReport.render(analysis)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let run = try #require(root["run"] as? [String: Any])
        #expect(run["id"] as? Int == 7)
        #expect(run["status"] as? String == "complete")
        #expect(run["planned"] as? Int == 4)
        #expect(run["started_at"] as? String == "2025-06-15T15:06:40Z")

        let results = try #require(root["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let first = try #require(results.first)
        #expect(first["prompt"] as? String == "host-triage@v1")
        #expect(first["model"] as? String == "simulated")
        #expect(first["errors"] as? Int == 0)
        let metrics = try #require(first["metrics"] as? [String: Any])
        #expect(metrics["threshold"] as? Double == 0.7)
        let overall = try #require(metrics["overall"] as? [String: Any])
        #expect(overall["n"] as? Int == 4)
        #expect(overall["parse_failures"] as? Int == 2)
        let alert = try #require(overall["alert"] as? [String: Any])
        #expect(alert["tp"] as? Int == 1)
        #expect(alert["fp"] as? Int == 1)
        #expect(alert["tn"] as? Int == 1)
        #expect(alert["fn"] as? Int == 1)
        let interval = try #require(alert["precision_ci95"] as? [Double])
        #expect(interval.count == 2)
        #expect(interval[0] < 0.5 && 0.5 < interval[1])

        let byScenario = try #require(metrics["by_scenario"] as? [String: Any])
        #expect(Set(byScenario.keys) == ["certutil", "S|CCM <b>"])
        let sccm = try #require(byScenario["S|CCM <b>"] as? [String: Any])
        #expect(sccm["n"] as? Int == 2)
    }

    @Test("precision_ci95 is present and null when nothing alerted")
    func jsonNullInterval() throws {
        let evaluator = try reportEvaluator()
        let results = [
            storedResult("cert-01", label: .tp, scenario: "certutil", evaluation: evaluator.evaluate("verdict=FP confidence=0.9 summary=missed"), revisionID: 1),
            storedResult("sccm-01", label: .fp, scenario: "SCCM", evaluation: evaluator.evaluate("verdict=FP confidence=0.9 summary=ok"), revisionID: 2),
            storedResult("sccm-02", label: .fp, scenario: "SCCM", evaluation: .failed("server: 503 after 4 retries"), revisionID: 3),
        ]
        let analysis = RunAnalysis(run: runInfo(planned: 3, status: .incomplete, errors: 1), results: results, thresholds: [:])
        let json = try JSONReport.render(analysis)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let results0 = try #require((root["results"] as? [[String: Any]])?.first)
        #expect(results0["errors"] as? Int == 1)
        #expect((results0["errors_by_cause"] as? [String: Int]) == ["server": 1])
        let metrics = try #require(results0["metrics"] as? [String: Any])
        #expect(metrics["threshold"] as? Double == 0.7) // the default when the prompt is unknown
        let alert = try #require((metrics["overall"] as? [String: Any])?["alert"] as? [String: Any])
        #expect(alert.keys.contains("precision_ci95"))
        #expect(alert["precision_ci95"] is NSNull)
        #expect(alert["recall_ci95"] is [Double])
        #expect((metrics["overall"] as? [String: Any])?["n"] as? Int == 2)
        let byScenario = try #require(metrics["by_scenario"] as? [String: Any])
        #expect(Set(byScenario.keys) == ["certutil", "SCCM"])
    }

    @Test("alertsLostToFormat counts TP cases the lenient parse alerts on and the strict one does not")
    func alertsLostToFormat() throws {
        let evaluator = try reportEvaluator()
        let slipped = evaluator.evaluate("Verdict: TP\nConfidence: 0.95\nSummary: certutil download")
        #expect(slipped.strict?.status == .noMatch)
        #expect(slipped.lenientAlert)
        #expect(!slipped.alert)

        let results = [
            storedResult("tp-slipped", label: .tp, scenario: "a", evaluation: slipped, revisionID: 1),
            storedResult("tp-slipped", label: .tp, scenario: "a", evaluation: slipped, sample: 1, revisionID: 1),
            storedResult("fp-slipped", label: .fp, scenario: "a", evaluation: slipped, revisionID: 2),
            storedResult("tp-clean", label: .tp, scenario: "a", evaluation: evaluator.evaluate("verdict=TP confidence=0.95 summary=x"), revisionID: 3),
            storedResult("tp-low", label: .tp, scenario: "a", evaluation: evaluator.evaluate("Verdict: TP\nConfidence: 0.5"), revisionID: 4),
            storedResult("tp-error", label: .tp, scenario: "a", evaluation: .failed("timeout: 60 s"), revisionID: 5),
        ]
        let analysis = RunAnalysis(run: runInfo(planned: 6), results: results, thresholds: ["host-triage@v1": 0.7])
        let group = try #require(analysis.groups.first)
        #expect(analysis.groups.count == 1)
        #expect(group.alertsLostToFormat == 2)
        #expect(group.errorCount == 1)
        #expect(group.errors == ["timeout": 1])
        let summaryRow = MarkdownReport.render(analysis).split(separator: "\n").first { $0.hasPrefix("| host-triage@<!-- -->v1 | simulated | confidence &gt; 0.7 |") }
        #expect(summaryRow?.hasSuffix("| 2 |") == true)
    }

    @Test("groups are one per prompt × model, in sorted order")
    func grouping() throws {
        let evaluator = try reportEvaluator()
        let answer = evaluator.evaluate("verdict=TP confidence=0.9 summary=x")
        let results = [
            storedResult("a", label: .tp, scenario: "s", evaluation: answer, prompt: "p@v2", model: "m1"),
            storedResult("a", label: .tp, scenario: "s", evaluation: answer, prompt: "p@v1", model: "m2"),
            storedResult("b", label: .fp, scenario: "s", evaluation: answer, revisionID: 2, prompt: "p@v1", model: "m2"),
            storedResult("a", label: .tp, scenario: "s", evaluation: answer, prompt: "p@v1", model: "m1"),
        ]
        let analysis = RunAnalysis(run: runInfo(planned: 4), results: results, thresholds: ["p@v1": 0.95])
        #expect(analysis.groups.map { "\($0.prompt) \($0.model)" } == ["p@v1 m1", "p@v1 m2", "p@v2 m1"])
        #expect(analysis.groups.map(\.threshold) == [0.95, 0.95, 0.7])
        #expect(analysis.groups.map(\.overall.n) == [1, 2, 1])
    }
}
