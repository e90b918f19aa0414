import Testing
@testable import TriageEval

/// Categorical calibration per level and a secondary output's per-class scores, on hand-made answers whose
/// expected figures were computed by hand (in the comments).
@Suite struct DeclaredScoringTests {
    static func item(_ level: String?, label: Label, alert: Bool, status: ParseStatus = .ok) -> ScoredItem {
        ScoredItem(caseID: "c", scenario: "s", label: label, sample: 0, status: status, verdict: "TP", confidence: nil, alert: alert, confidenceLevel: level)
    }

    @Test func precisionPerLevel() {
        let items = [
            // low: 3 answers, 2 alerts, 1 on a TP case → precision 1/2.
            Self.item("low", label: .tp, alert: true), Self.item("low", label: .fp, alert: true), Self.item("low", label: .tp, alert: false),
            // medium: 2 answers, 1 alert on a TP case → 1.
            Self.item("medium", label: .tp, alert: true), Self.item("medium", label: .fp, alert: false),
            // high: 4 answers, 4 alerts, 3 on TP cases → 3/4.
            Self.item("high", label: .tp, alert: true), Self.item("high", label: .tp, alert: true), Self.item("high", label: .tp, alert: true),
            Self.item("high", label: .fp, alert: true),
            // A failed parse is not counted at its level.
            Self.item("high", label: .fp, alert: false, status: .invalidVerdict),
        ]
        let metrics = ConfidenceLevelMetrics(items: items, order: ["low", "medium", "high"])
        #expect(metrics.levels.map(\.level) == ["low", "medium", "high"])
        #expect(metrics.levels.map(\.count) == [3, 2, 4])
        #expect(metrics.levels.map(\.alerts) == [2, 1, 4])
        #expect(metrics.levels.map(\.truePositives) == [1, 1, 3])
        #expect(metrics.levels.map(\.precision) == [0.5, 1.0, 0.75])
        // 0.5 → 1.0 → 0.75 falls at the top: precision does not rise with the level.
        #expect(metrics.precisionRises == false)

        let rising = ConfidenceLevelMetrics(items: Array(items.prefix(5)) + [Self.item("high", label: .tp, alert: true)], order: ["low", "medium", "high"])
        #expect(rising.levels.map(\.precision) == [0.5, 1.0, 1.0])
        #expect(rising.precisionRises == true)

        // One level with an alert: undefined, not a pass.
        let single = ConfidenceLevelMetrics(items: [Self.item("high", label: .tp, alert: true), Self.item("low", label: .fp, alert: false)], order: ["low", "high"])
        #expect(single.levels.map(\.precision) == [nil, 1.0])
        #expect(single.precisionRises == nil)
    }

    @Test func secondaryConfusionAndMacroF1() {
        let pairs: [(expected: String, predicted: String?)] = [
            ("high", "high"), ("high", "medium"), ("medium", "medium"), ("low", "low"), ("low", "medium"), ("critical", nil), ("medium", "high"),
        ]
        let metrics = SecondaryMetrics(field: "threat_level", caseField: "priority", declared: ["critical", "high", "medium", "low"], pairs: pairs)
        #expect(metrics.n == 7)
        #expect(metrics.correct == 3)
        #expect(metrics.classes.map(\.value) == ["critical", "high", "medium", "low"])
        #expect(metrics.classes.map(\.support) == [1, 2, 2, 2])
        #expect(metrics.classes.map(\.predicted) == [0, 2, 3, 1])
        #expect(metrics.classes.map(\.correct) == [0, 1, 1, 1])
        // critical: P n/a (never predicted), R 0/1; high: 1/2, 1/2; medium: 1/3, 1/2; low: 1/1, 1/2.
        #expect(metrics.classes[0].precision == nil)
        #expect(metrics.classes[0].recall == 0)
        #expect(metrics.classes[0].f1 == nil)
        #expect(metrics.classes[1].precision == 0.5 && metrics.classes[1].recall == 0.5 && metrics.classes[1].f1 == 0.5)
        #expect(abs((metrics.classes[2].precision ?? 0) - 1.0 / 3) < 1e-12)
        // F1(medium) = 2·(1/3)·(1/2) / (1/3 + 1/2) = 0.4; F1(low) = 2·1·0.5 / 1.5 = 2/3.
        #expect(abs((metrics.classes[2].f1 ?? 0) - 0.4) < 1e-12)
        #expect(abs((metrics.classes[3].f1 ?? 0) - 2.0 / 3) < 1e-12)
        // Macro F1 over the four occurring classes, critical's undefined F1 as 0: (0 + 0.5 + 0.4 + 2/3) / 4 = 47/120.
        #expect(abs((metrics.macroF1 ?? 0) - 47.0 / 120) < 1e-12)
        // Rows: expected critical, high, medium, low; columns: the same, then (missing).
        #expect(metrics.confusion == [
            [0, 0, 0, 0, 1],
            [0, 1, 1, 0, 0],
            [0, 1, 1, 0, 0],
            [0, 0, 1, 1, 0],
        ])
    }

    @Test func secondaryWithNothingScoredIsUndefined() {
        let metrics = SecondaryMetrics(field: "f", caseField: "p", declared: ["a", "b"], pairs: [])
        #expect(metrics.n == 0)
        #expect(metrics.macroF1 == nil)
        #expect(metrics.confusion == [[0, 0, 0], [0, 0, 0]])
    }

    @Test func caseExpectedValuesAreStoredAndOlderHashesKept() throws {
        let yaml = """
            - id: c1
              label: TP
              scenario: S
              alert_summary: "x"
              expected: {priority: High}
            - id: c2
              label: FP
              scenario: S
              alert_summary: "x"
            """
        let cases = try CaseFileParser.parse(yaml, file: "cases/x.yaml")
        #expect(cases[0].expected == ["priority": "High"])
        #expect(cases[0].canonicalJSON().contains(#""expected":{"priority":"High"}"#))
        #expect(cases[1].expected == nil)
        // Without `expected:` the stored form has no such key, so a case's content hash is what it was.
        #expect(!cases[1].canonicalJSON().contains("expected"))
        #expect(cases[1].contentHash == TriageCase(id: "c2", label: .fp, scenario: "S", alertSummary: "x").contentHash)
        // It survives an export and re-import.
        let exported = try CaseYAMLWriter.yaml([cases[0]])
        #expect(try CaseFileParser.parse(exported, file: "e.yaml") == [cases[0]])

        let bad = try #require(throws: InputError.self) {
            try CaseFileParser.parse("- id: c\n  label: TP\n  scenario: S\n  alert_summary: x\n  expected: {priority: [a]}\n", file: "cases/bad.yaml")
        }
        #expect(bad.file == "cases/bad.yaml")
        #expect(bad.field == "cases[0].expected.priority")
    }
}
