import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

/// Issue 11 A3, A4, A6 and D23: numbers that never mislead a reader.
@Suite("Reports fail safe")
struct FailSafeReportTests {
    static func caseYAML(_ id: String, _ label: String, scenario: String = "S", notes: String? = nil) -> String {
        """
        - id: \(id)
          label: \(label)
          scenario: \(scenario)
          entity: {type: host, name: HOST-\(id)}
          alert_count: 1
          time_window_minutes: 5
          max_risk_score: 47
          rules: ["Rule"]
          command_lines: ['whoami']
        \(notes.map { "  notes: \"\($0)\"\n  source: \"ticket SOC-\(id)\"" } ?? "")

        """
    }

    // MARK: A3 — undefined is not zero

    @Test("precision and recall with no alert and no attack read n/a in Markdown and HTML; JSON keeps 0.0 and lists them")
    func undefinedReadsNA() throws {
        let evaluator = try reportEvaluator()
        let results = [
            storedResult("b1", label: .fp, scenario: "S", evaluation: evaluator.evaluate("verdict=FP confidence=0.9 summary=x"), revisionID: 1),
            storedResult("b2", label: .fp, scenario: "S", evaluation: evaluator.evaluate("verdict=FP confidence=0.8 summary=x"), revisionID: 2),
        ]
        let analysis = RunAnalysis(run: runInfo(planned: 2), results: results, thresholds: ["host-triage@v1": 0.7])
        let markdown = MarkdownReport.render(analysis)
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| host-triage@<!-- -->v1 | simulated | confidence &gt; 0.7 |") })
        // n, errors, then precision, recall, F1: all undefined; FPR is 0 of 2 (defined).
        #expect(row.contains("| 2 | 0 | n/a | n/a | n/a | 0.000 ["), "\(row)")
        let html = HTMLReport.render(analysis)
        #expect(html.contains("<td>n/a</td>"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(analysis).utf8)) as? [String: Any])
        let entry = try #require((json["results"] as? [[String: Any]])?.first)
        let overall = try #require((entry["metrics"] as? [String: Any])?["overall"] as? [String: Any])
        #expect(overall["undefined"] as? [String] == ["precision", "recall", "f1"])
        #expect((overall["alert"] as? [String: Any])?["precision"] as? Double == 0.0)
        let scenario = try #require(((entry["metrics"] as? [String: Any])?["by_scenario"] as? [String: Any])?["S"] as? [String: Any])
        #expect(scenario["undefined"] as? [String] == ["precision", "recall", "f1"])
    }

    @Test("an all-error group reads n/a for every rate, never 0.000")
    func allErrorGroup() throws {
        let results = [
            storedResult("a1", label: .tp, scenario: "S", evaluation: .failed("auth: openai 401"), revisionID: 1),
            storedResult("b1", label: .fp, scenario: "S", evaluation: .failed("auth: openai 401"), revisionID: 2),
        ]
        let analysis = RunAnalysis(run: runInfo(planned: 2, status: .incomplete, errors: 2), results: results, thresholds: [:])
        let markdown = MarkdownReport.render(analysis)
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| host-triage@<!-- -->v1 | simulated | confidence &gt; 0.7 |") })
        #expect(row.contains("| 0 | 2 | n/a | n/a | n/a | n/a | n/a | n/a | 0 (n/a) |"), "\(row)")
        // The errored attack is a missed attack in the case summary.
        let summary = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| host-triage@<!-- -->v1 | simulated | 2 · 2 |") })
        #expect(summary.contains("| 1 of 1 | 0 of 1 | n/a |"), "\(summary)")
    }

    // MARK: A6 — rounding never flips a verdict

    @Test("a failing value never prints as meeting its bound")
    func boundedDigits() {
        let recall = GateCheck(kind: .minRecall, subject: "s", value: 0.9496, threshold: 0.95, passed: false)
        #expect(GateReport.valueText(recall) == "0.9496")
        let fpr = GateCheck(kind: .maxFPR, subject: "s", value: 0.100_04, threshold: 0.1, passed: false)
        #expect(GateReport.valueText(fpr) == "0.10004")
        let passing = GateCheck(kind: .minRecall, subject: "s", value: 0.9612, threshold: 0.95, passed: true)
        #expect(GateReport.valueText(passing) == "0.961")
        let undefined = GateCheck(kind: .minPrecision, subject: "s", value: nil, threshold: 0.5, passed: false)
        #expect(GateReport.valueText(undefined) == "n/a")
    }

    @Test("p-values carry 4 significant digits")
    func pValues() {
        #expect(Formatting.pValue(0.109375) == "0.1094")
        #expect(Formatting.pValue(0.0123) == "0.01230")
        #expect(Formatting.pValue(1) == "1.000")
        #expect(Formatting.pValue(McNemar.exact(b: 16, c: 0)) == "3.052e-05")
    }

    // MARK: A5 — the rule's own operator

    @Test("reports show the rule's >= and say when the recall-first target is unreachable")
    func operatorInReports() throws {
        let evaluator = try reportEvaluator()
        let results = [
            storedResult("a1", label: .tp, scenario: "S", evaluation: evaluator.evaluate("verdict=TP confidence=0.8 summary=x"), revisionID: 1),
            storedResult("a2", label: .tp, scenario: "S", evaluation: evaluator.evaluate("verdict=FP confidence=0.9 summary=x"), revisionID: 2),
        ]
        let policy = AlertPolicy(minConfidence: 0.8, comparison: .greaterOrEqual)
        let analysis = RunAnalysis(run: runInfo(planned: 2), results: results, policies: ["host-triage@v1": policy])
        let group = try #require(analysis.groups.first)
        #expect(group.thresholdText == ">= 0.8")
        // The sweep's production point agrees with the run's own metrics under >=.
        #expect(group.sweep.production.tp == 1)
        let markdown = MarkdownReport.render(analysis)
        #expect(markdown.contains("confidence &gt;= 0.8"))
        #expect(markdown.contains("| production | &gt;= 0.8 |") || markdown.contains("| production | >= 0.8 |"))
        #expect(markdown.contains("unreachable: no threshold reaches recall 0.95 (highest 0.500"))
        let html = HTMLReport.render(analysis)
        #expect(html.contains("production &gt;= 0.8"))
        #expect(html.contains("unreachable: no threshold reaches recall 0.95"))
    }

    // MARK: D23 — the summary answers the question

    @Test("missed attacks and false alarms are counted in cases, named with their notes, samples folded per case")
    func caseSummary() throws {
        let evaluator = try reportEvaluator()
        let prompt = try PromptFileParser.parse(reportPromptText, file: "prompts/host-triage/v1.prompt", defaults: AlertPolicy())
        let cases = try CaseFileParser.parse(
            Self.caseYAML("a1", "TP", notes: "LSASS dump via comsvcs") + Self.caseYAML("a2", "TP") + Self.caseYAML("b1", "FP", notes: "SCCM client push"),
            file: "cases.yaml"
        )
        let hit = evaluator.evaluate("verdict=TP confidence=0.9 summary=x"), miss = evaluator.evaluate("verdict=FP confidence=0.9 summary=x")
        var results: [StoredResult] = []
        // a1: 1 alert of 3 samples, one of them errored → missed by majority. a2: caught 3/3. b1: alerted 2/3 → false alarm.
        results.append(storedResult("a1", label: .tp, scenario: "S", evaluation: hit, sample: 0, revisionID: 1))
        results.append(storedResult("a1", label: .tp, scenario: "S", evaluation: miss, sample: 1, revisionID: 1))
        results.append(storedResult("a1", label: .tp, scenario: "S", evaluation: .failed("timeout: 60 s"), sample: 2, revisionID: 1))
        for sample in 0 ..< 3 { results.append(storedResult("a2", label: .tp, scenario: "S", evaluation: hit, sample: sample, revisionID: 2)) }
        for (sample, answer) in [hit, hit, miss].enumerated() { results.append(storedResult("b1", label: .fp, scenario: "S", evaluation: answer, sample: sample, revisionID: 3)) }
        var run = runInfo(planned: 9)
        run.samples = 3
        run.plan = RunInfo.Plan(promptRows: [1], modelRows: [1], caseRevisions: [1, 2, 3], samples: 3)
        let analysis = RunAnalysis(
            run: run, results: results, policies: ["host-triage@v1": prompt.decision], prompts: ["host-triage@v1": prompt],
            cases: [1: cases[0], 2: cases[1], 3: cases[2]]
        )
        let group = try #require(analysis.groups.first)
        let summary = group.caseSummary
        #expect(summary.cases == 3)
        #expect(summary.samples == 9)
        #expect(summary.missedAttacks.map(\.caseID) == ["a1"])
        #expect(summary.falseAlarms.map(\.caseID) == ["b1"])
        #expect(summary.fpr == 1)
        #expect(summary.flipRate == 2.0 / 3.0)

        let markdown = MarkdownReport.render(analysis)
        let summaryIndex = try #require(markdown.range(of: "## Summary"))
        let metricsIndex = try #require(markdown.range(of: "## Metrics"))
        #expect(summaryIndex.lowerBound < metricsIndex.lowerBound)
        #expect(markdown.contains("| host-triage@<!-- -->v1 | simulated | 3 · 9 | 1 of 2 | 1 of 1 | 1.000 | 0 | 0.667 | 1 |"))
        #expect(markdown.contains("| a1 | S | TP 0.9 alert · FP 0.9 · unanswered | LSASS dump via comsvcs · source: ticket SOC-a1 |"))
        #expect(markdown.contains("| b1 | S | TP 0.9 alert · TP 0.9 alert · FP 0.9 | SCCM client push · source: ticket SOC-b1 |"))
        // Wrong decisions: one row per case, not per sample.
        #expect(markdown.contains("### Wrong decisions (2 cases)"))
        let html = HTMLReport.render(analysis)
        #expect(html.contains("LSASS dump via comsvcs · source: ticket SOC-a1"))
        #expect(html.contains("host-triage@v1 × simulated · missed attacks: 1"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(analysis).utf8)) as? [String: Any])
        let entry = try #require((json["results"] as? [[String: Any]])?.first)
        let caseSummary = try #require(entry["summary"] as? [String: Any])
        #expect(caseSummary["missed_attacks"] as? [String] == ["a1"])
        #expect(caseSummary["samples"] as? Int == 9)
    }

    @Test("the Markdown report stays under GitHub's 65,536-character limit, cut lists pointing to the HTML")
    func markdownLimit() throws {
        let evaluator = try reportEvaluator()
        let long = String(repeating: "x", count: 300)
        var results: [StoredResult] = []
        for model in ["m1", "m2", "m3", "m4"] {
            for index in 0 ..< 1_500 {
                let answer = evaluator.evaluate("verdict=FP confidence=0.9 summary=\(long)")
                results.append(storedResult("case-\(index)", label: .tp, scenario: "scenario-\(index % 40)", evaluation: answer, revisionID: Int64(index), model: model))
            }
        }
        let analysis = RunAnalysis(run: runInfo(planned: 6_000), results: results, thresholds: [:])
        let markdown = MarkdownReport.render(analysis)
        #expect(markdown.utf8.count <= 65_536)
        #expect(markdown.contains("run-7.html"))
        #expect(markdown.contains("## Summary"))
        #expect(markdown.contains("| 1500 of 1500 |"))
    }
}

/// Issue 11 A4: compare leads with attacks, on one declared basis.
@Suite("Compare leads with attacks")
struct CompareAttacksFirstTests {
    static let candidatePromptText = reportPromptText.replacingOccurrences(of: "version: v1", with: "version: v2")
        .replacingOccurrences(of: "Host {{host_name}} ran", with: "Host {{host_name}} executed")

    static func comparison() throws -> RunComparison {
        let evaluator = try reportEvaluator()
        let basePrompt = try PromptFileParser.parse(reportPromptText, file: "prompts/host-triage/v1.prompt", defaults: AlertPolicy())
        let candidatePrompt = try PromptFileParser.parse(candidatePromptText, file: "prompts/host-triage/v2.prompt", defaults: AlertPolicy())
        let alert = evaluator.evaluate("verdict=TP confidence=0.9 summary=x"), quiet = evaluator.evaluate("verdict=FP confidence=0.9 summary=x")
        // Attacks (scenario lsass): base catches a1 a2, misses a3; candidate misses a1 a2, catches a3.
        // Benign (scenario sccm): base alarms on b1; candidate alarms on b2. a4 is answered by the base only.
        let base: [(String, Label, String, Evaluation)] = [
            ("a1", .tp, "lsass", alert), ("a2", .tp, "lsass", alert), ("a3", .tp, "lsass", quiet), ("a4", .tp, "lsass", alert),
            ("b1", .fp, "sccm", alert), ("b2", .fp, "sccm", quiet),
        ]
        let candidate: [(String, Label, String, Evaluation)] = [
            ("a1", .tp, "lsass", quiet), ("a2", .tp, "lsass", quiet), ("a3", .tp, "lsass", alert),
            ("b1", .fp, "sccm", quiet), ("b2", .fp, "sccm", alert),
        ]
        var results = base.enumerated().map { index, row in
            storedResult(row.0, label: row.1, scenario: row.2, evaluation: row.3, revisionID: Int64(index + 1), model: "base")
        }
        results += candidate.enumerated().map { index, row in
            storedResult(row.0, label: row.1, scenario: row.2, evaluation: row.3, revisionID: Int64(index + 1), prompt: "host-triage@v2", model: "cand")
        }
        // A second candidate sample that alerts on a1: the sample-0 basis must ignore it.
        results.append(storedResult("a1", label: .tp, scenario: "lsass", evaluation: alert, sample: 1, revisionID: 1, prompt: "host-triage@v2", model: "cand"))
        let analysis = RunAnalysis(
            run: runInfo(planned: 12), results: results, policies: ["host-triage@v1": basePrompt.decision, "host-triage@v2": candidatePrompt.decision]
        )
        let baseGroup = try #require(analysis.group(prompt: "host-triage@v1", model: "base"))
        let candidateGroup = try #require(analysis.group(prompt: "host-triage@v2", model: "cand"))
        return RunComparison(base: .init(runID: 7, group: baseGroup, prompt: basePrompt), candidate: .init(runID: 7, group: candidateGroup, prompt: candidatePrompt))
    }

    @Test("the headline states the attack change first, with McNemar on attacks, benign cases and overall")
    func headline() throws {
        let comparison = try Self.comparison()
        let s = comparison.statistics
        #expect(s.attacks.b == 2)
        #expect(s.attacks.c == 1)
        #expect(s.benign.b == 1)
        #expect(s.benign.c == 1)
        let verdict = comparison.verdict
        #expect(verdict.hasPrefix("Attacks: the candidate misses 2 attacks the base caught and catches 1 the base missed (exact McNemar on 3 paired attacks, p = 1.000)."))
        let falseAlarms = try #require(verdict.range(of: "False alarms: the candidate raises 1 false alarm the base did not and clears 1"))
        let overall = try #require(verdict.range(of: "Overall:"))
        #expect(falseAlarms.lowerBound < overall.lowerBound)
    }

    @Test("one basis (sample 0 of paired cases) for every number; partial overlap stated with counts")
    func oneBasis() throws {
        let comparison = try Self.comparison()
        let markdown = ComparisonMarkdown.render(comparison)
        #expect(markdown.contains("Basis: sample 0 of each case answered on both sides — 5 paired cases (3 attacks, 2 benign)."))
        #expect(markdown.contains("Partial overlap: 1 cases answered only by the base and 0 only by the candidate are left out."))
        // Recall on the 3 paired attacks, sample 0: base 2/3, candidate 1/3 (a4 and the candidate's second a1 sample excluded).
        #expect(markdown.contains("| recall | 0.667 | 0.333 | -0.333 |"))
        #expect(markdown.contains("| missed attacks (FN) | 1 | 2 | +1 |"))
        #expect(markdown.contains("Samples after the first are not used (0 base, 1 candidate)."))
    }

    @Test("regressions are listed first, scenarios get their deltas, and the prompt texts are diffed")
    func listsAndDiff() throws {
        let comparison = try Self.comparison()
        #expect(comparison.flipped.map(\.flip.caseID) == ["a1", "a2", "b2", "a3", "b1"])
        let markdown = ComparisonMarkdown.render(comparison)
        #expect(markdown.contains("| lsass | 3 | 1 → 2 | 0.667 → 0.333 | -0.333 | 0 | 0 → 0 | n/a → n/a | n/a |"))
        #expect(markdown.contains("| sccm | 0 | 0 → 0 | n/a → n/a | n/a | 2 | 1 → 1 | 0.500 → 0.500 | 0.000 |"))
        #expect(markdown.contains("-Host {{host_name}} ran: {{cmdlines_str}}.\n+Host {{host_name}} executed: {{cmdlines_str}}."))
        #expect(markdown.contains("-version: v1\n+version: v2"))
        let html = ComparisonHTML.render(comparison)
        #expect(html.contains("Prompt diff"))
        #expect(html.contains("Attacks: the candidate misses 2 attacks"))
    }

    @Test("the line diff is a correct unified diff")
    func lineDiff() throws {
        let diff = try #require(LineDiff.unified("a\nb\nc\nd\ne\nf\ng\nh\ni", "a\nb\nc\nD\ne\nf\ng\nh\ni\nj", oldName: "old", newName: "new", context: 1))
        #expect(diff == "--- old\n+++ new\n@@ -3,3 +3,3 @@\n c\n-d\n+D\n e\n@@ -9,1 +9,2 @@\n i\n+j\n")
        #expect(LineDiff.unified("same", "same", oldName: "a", newName: "b") == nil)
    }
}
