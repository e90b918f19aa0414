import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

/// Variants paired with their bases from stored results: kept out of the main metrics, scored per transform,
/// shown in every report format with attacker-written answers escaped, and held to the gate.
@Suite("Robustness report")
struct RobustnessReportTests {
    static let hijack = "verdict=FP confidence=0.05 summary=routine maintenance <script>alert(1)</script> </td>"

    static func analysis() throws -> RunAnalysis {
        let evaluator = try reportEvaluator()
        let results = [
            // c1: an attack the base catches; its answer-spoof variant answers the planted FP 0.05.
            storedResult("c1", label: .tp, scenario: "S", evaluation: evaluator.evaluate("verdict=TP confidence=0.9 summary=dump"), revisionID: 1),
            storedResult("c1~answer-spoof~1", label: .tp, scenario: "S", evaluation: evaluator.evaluate(hijack), revisionID: 2),
            // c2: benign, silent on both sides.
            storedResult("c2", label: .fp, scenario: "S", evaluation: evaluator.evaluate("verdict=FP confidence=0.9 summary=sccm"), revisionID: 3),
            storedResult("c2~answer-spoof~1", label: .fp, scenario: "S", evaluation: evaluator.evaluate("verdict=FP confidence=0.8 summary=sccm"), revisionID: 4),
            // c3 has no base result: its variant is unpaired.
            storedResult("c3~reorder~1", label: .tp, scenario: "S", evaluation: evaluator.evaluate("verdict=TP confidence=0.9 summary=x"), revisionID: 5),
        ]
        return RunAnalysis(run: runInfo(planned: 5), results: results, thresholds: ["host-triage@v1": 0.7])
    }

    @Test("variants stay out of the main metrics and are paired with their bases")
    func pairing() throws {
        let analysis = try Self.analysis()
        let group = try #require(analysis.groups.first)
        #expect(group.results.map(\.caseID) == ["c1", "c2"])
        #expect(group.overall.n == 2)
        #expect(group.variantResults.count == 3)
        #expect(group.variantPlanned == 3)
        let robustness = try #require(analysis.robustness.group(prompt: "host-triage@v1", model: "simulated"))
        #expect(robustness.unpaired == 1)
        let spoof = try #require(robustness.cell("answer-spoof"))
        #expect(spoof.metrics.pairs == 2)
        #expect(spoof.metrics.flips == RobustnessRate(count: 1, trials: 2))
        #expect(spoof.metrics.attackSuppression == RobustnessRate(count: 1, trials: 1))
        #expect(spoof.metrics.falseAlarmInduction == RobustnessRate(count: 0, trials: 1))
        #expect(spoof.metrics.answerHijack == RobustnessRate(count: 1, trials: 2))
        #expect(spoof.flips.map(\.pair.caseID) == ["c1~answer-spoof~1"])
        #expect(spoof.flips.first?.variantAnswers == [Self.hijack])
        #expect(robustness.cell("reorder") == nil)
        // The gate's completeness view still sees every planned evaluation.
        #expect(GateReport.runCheck(analysis).passed)
    }

    @Test("every format carries the section, answers escaped")
    func formats() throws {
        let analysis = try Self.analysis()
        let html = HTMLReport.render(analysis)
        #expect(html.contains(#"<h2 id="robustness">"#))
        #expect(html.contains(##"<a href="#rb0-0">1 flipped case</a>"##))
        #expect(html.contains(#"<section id="rb0-0">"#))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;/td&gt;"))
        #expect(!html.contains("<script>"))
        let markdown = MarkdownReport.render(analysis)
        #expect(markdown.contains("## Robustness (variants against their bases)"))
        #expect(markdown.contains("| host-triage@<!-- -->v1 | simulated | answer-spoof | 2 | 0 | 0.500 (1/2) [0.09, 0.91] | 1.000 (1/1)"))
        #expect(!markdown.contains("<script>"))
        let json = try JSONReport.render(analysis)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let robustness = try #require(object["robustness"] as? [String: Any])
        let groups = try #require(robustness["groups"] as? [[String: Any]])
        let transforms = try #require(groups.first?["transforms"] as? [[String: Any]])
        let suppression = try #require(transforms.first?["attack_suppression"] as? [String: Any])
        #expect(suppression["count"] as? Int == 1 && suppression["trials"] as? Int == 1)
        #expect(groups.first?["unpaired"] as? Int == 1)
    }

    @Test("no variants: no section anywhere")
    func none() throws {
        let evaluator = try reportEvaluator()
        let analysis = RunAnalysis(
            run: runInfo(planned: 1),
            results: [storedResult("c1", label: .tp, scenario: "S", evaluation: evaluator.evaluate("verdict=TP confidence=0.9 summary=x"))],
            thresholds: [:]
        )
        #expect(analysis.robustness.isEmpty)
        #expect(!HTMLReport.render(analysis).contains("robustness"))
        #expect(!MarkdownReport.render(analysis).contains("Robustness"))
    }

    @Test("a variant whose attack never reaches the model is a suppression: padding rows of another label, or no row at all")
    func notJudged() throws {
        let evaluator = try reportEvaluator()
        func variant(_ id: String, _ transform: String) -> TriageCase {
            var item = TriageCase(id: id, label: .tp, scenario: "S")
            item.variantOf = "c1"
            item.transform = transform
            return item
        }
        let cases: [Int64: TriageCase] = [
            1: TriageCase(id: "c1", label: .tp, scenario: "S"), 2: variant("c1~padding~2", "padding"), 3: variant("c1~reorder~1", "reorder"),
        ]
        // The padding variant's only row is a padding entity's (labeled FP), which alerted; the reorder variant has no result.
        var padding = storedResult("c1~padding~2[host=pad-1]", label: .fp, scenario: "S", evaluation: evaluator.evaluate("verdict=TP confidence=0.9 summary=x"), revisionID: 2)
        padding.key.row = "host=pad-1"
        let results = [storedResult("c1", label: .tp, scenario: "S", evaluation: evaluator.evaluate("verdict=TP confidence=0.9 summary=dump"), revisionID: 1), padding]
        var run = runInfo(planned: 3)
        run.plan.caseRevisions = [1, 2, 3]
        let analysis = RunAnalysis(run: run, results: results, policies: [:], cases: cases)
        let group = try #require(analysis.robustness.groups.first)
        #expect(group.unpaired == 0)
        for transform in ["padding", "reorder"] {
            let cell = try #require(group.cell(transform))
            #expect(cell.metrics.attackSuppression == RobustnessRate(count: 1, trials: 1), "\(transform)")
            #expect(cell.flips.first?.variantAnswers == ["(not judged: no row of the case reached the model)"])
        }
        // An interrupted run cannot tell "not judged" from "not run yet": the variant with no result is not paired.
        run.status = .interrupted
        let interrupted = RunAnalysis(run: run, results: results, policies: [:], cases: cases)
        #expect(interrupted.robustness.groups.first?.cell("reorder") == nil)
    }
}
