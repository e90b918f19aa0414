import Testing
import TriageEval

@Suite("Gate evaluation")
struct GateEvaluatorTests {
    /// 4 TP cases, 4 FP cases. Alerts on a1, a2, a3 and b1: precision 3/4, recall 3/4, FPR 1/4.
    /// b4 is a parse failure: parse failure rate 1/8.
    static let items: [ScoredItem] = [
        scored("a1", .tp, "TP", 0.9, alert: true), scored("a2", .tp, "TP", 0.9, alert: true),
        scored("a3", .tp, "TP", 0.9, alert: true), scored("a4", .tp, "FP", 0.9),
        scored("b1", .fp, "TP", 0.9, alert: true), scored("b2", .fp, "FP", 0.9),
        scored("b3", .fp, "FP", 0.9), scored("b4", .fp, nil, nil, status: .noMatch),
    ]
    static let tags: [String: [String]] = ["a1": ["must-alert"], "b2": ["must-not-alert"]]

    static func subject(_ items: [ScoredItem] = items, tags: [String: [String]] = tags) -> GateSubject {
        GateSubject(name: "p@v1 × m", metrics: GroupMetrics(items: items, threshold: 0.7), items: ScoredItems(items), tags: tags)
    }

    static func check(_ kind: GateCheck.Kind, _ checks: [GateCheck]) -> GateCheck? {
        checks.first { $0.kind == kind }
    }

    @Test("each metric threshold fails alone when set above what the run reached", arguments: [
        (GatePolicy(minPrecision: 0.8), GateCheck.Kind.minPrecision, 0.75),
        (GatePolicy(minRecall: 0.8), .minRecall, 0.75),
        (GatePolicy(maxFPR: 0.2), .maxFPR, 0.25),
        (GatePolicy(maxParseFailureRate: 0.1), .maxParseFailureRate, 0.125),
    ])
    func failing(policy: GatePolicy, kind: GateCheck.Kind, value: Double) throws {
        let checks = GateEvaluator.evaluate(Self.subject(), policy: policy)
        let check = try #require(Self.check(kind, checks))
        #expect(!check.passed)
        #expect(check.value == value)
        #expect(checks.filter { !$0.passed }.map(\.kind) == [kind])
    }

    @Test("thresholds met exactly pass (with decimal slack)")
    func passing() {
        let policy = GatePolicy(minRecall: 0.75, minPrecision: 0.75, maxFPR: 0.25, maxParseFailureRate: 0.125, maxECE: 1)
        let checks = GateEvaluator.evaluate(Self.subject(), policy: policy)
        #expect(checks.count == 8)  // the five metrics, completeness and the two zero-tolerance checks
        #expect(checks.allSatisfy { $0.passed })
    }

    @Test("ECE above the maximum fails; no calibratable answer fails too")
    func ece() throws {
        // 7 calibratable answers. Bin 9: a1, a2, a3, b1 at p = 0.9, 3 of 4 attacks (|0.9 − 0.75| = 0.15).
        // Bin 0: a4, b2, b3 at p = 1 − 0.9, 1 of 3 attacks (|0.1 − 1/3|). ECE = 4/7 · 0.15 + 3/7 · (1/3 − 0.1).
        let checks = GateEvaluator.evaluate(Self.subject(), policy: GatePolicy(maxECE: 0.1))
        let check = try #require(Self.check(.maxECE, checks))
        #expect(!check.passed)
        #expect(close(check.value, 4.0 / 7 * 0.15 + 3.0 / 7 * (1.0 / 3 - 0.1), 1e-9))
        let unparsed = [scored("x", .tp, nil, nil, status: .noMatch)]
        let none = try #require(Self.check(.maxECE, GateEvaluator.evaluate(Self.subject(unparsed, tags: [:]), policy: GatePolicy(maxECE: 0.5))))
        #expect(none.value == nil)
        #expect(!none.passed)
    }

    @Test("must-alert and must-not-alert have zero tolerance")
    func zeroTolerance() throws {
        let tags: [String: [String]] = ["a4": ["must-alert"], "a1": ["must-alert"], "b1": ["must-not-alert"]]
        let checks = GateEvaluator.evaluate(Self.subject(tags: tags), policy: GatePolicy())
        let mustAlert = try #require(Self.check(.mustAlert, checks))
        #expect(!mustAlert.passed)
        #expect(mustAlert.value == 1)
        #expect(mustAlert.detail.contains("a4"))
        #expect(!mustAlert.detail.contains("a1"))
        let mustNot = try #require(Self.check(.mustNotAlert, checks))
        #expect(!mustNot.passed)
        #expect(mustNot.detail.contains("b1"))
    }

    @Test("flaky cases: majority passes 2 of 3, all needs every sample; a tie fails the majority")
    func flaky() throws {
        let samples = [
            scored("a1", .tp, "TP", 0.9, alert: true, sample: 0), scored("a1", .tp, "FP", 0.9, sample: 1),
            scored("a1", .tp, "TP", 0.9, alert: true, sample: 2),
        ]
        let tags = ["a1": ["must-alert"]]
        let majority = GateEvaluator.evaluate(Self.subject(samples, tags: tags), policy: GatePolicy(flaky: .majority))
        #expect(Self.check(.mustAlert, majority)?.passed == true)
        let all = GateEvaluator.evaluate(Self.subject(samples, tags: tags), policy: GatePolicy(flaky: .all))
        #expect(Self.check(.mustAlert, all)?.passed == false)
        let tie = Array(samples.prefix(2))
        #expect(Self.check(.mustAlert, GateEvaluator.evaluate(Self.subject(tie, tags: tags), policy: GatePolicy(flaky: .majority)))?.passed == false)
    }

    @Test("against a baseline: a significant regression and a recall drop fail")
    func baseline() throws {
        // The baseline got all 8 right; the candidate (items) got a4, b1 wrong: b = 2, c = 0, p = 0.5.
        let perfect: [ScoredItem] = Self.items.map { item in
            var right = item
            right.alert = item.label == .tp
            return right
        }
        let comparison = PairedComparison(base: perfect, candidate: Self.items, resamples: 0)
        let baseline = GateBaseline(name: "run 1", metrics: GroupMetrics(items: perfect, threshold: 0.7), comparison: comparison)
        let checks = GateEvaluator.evaluate(Self.subject(), baseline: baseline, policy: GatePolicy(maxRecallDrop: 0.2, significance: 0.6))
        let significance = try #require(Self.check(.significance, checks))
        #expect(significance.value == 0.5)
        #expect(!significance.passed)
        let drop = try #require(Self.check(.maxRecallDrop, checks))
        #expect(drop.value == 0.25)
        #expect(!drop.passed)
        let lenient = GateEvaluator.evaluate(Self.subject(), baseline: baseline, policy: GatePolicy(maxRecallDrop: 0.25, significance: 0.05))
        #expect(Self.check(.significance, lenient)?.passed == true)
        #expect(Self.check(.maxRecallDrop, lenient)?.passed == true)
    }

    @Test("the recall drop counts only attacks answered in both runs, with the bootstrap interval")
    func pairedRecallDrop() throws {
        // The baseline also answered two attacks the candidate never saw, and missed both: its overall
        // recall (4 of 6) is below the candidate's (3 of 4), yet on the 4 shared attacks it caught one more.
        let perfect: [ScoredItem] = Self.items.map { item in
            var right = item
            right.alert = item.label == .tp
            return right
        }
        let extra = [scored("x1", .tp, "FP", 0.9), scored("x2", .tp, "FP", 0.9)]
        let base = perfect + extra
        let comparison = PairedComparison(base: base, candidate: Self.items, resamples: 500)
        let baseline = GateBaseline(name: "run 1", metrics: GroupMetrics(items: base, threshold: 0.7), comparison: comparison)
        #expect(baseline.metrics.alert.recall < Self.subject().metrics.alert.recall)
        let drop = try #require(Self.check(.maxRecallDrop, GateEvaluator.evaluate(Self.subject(), baseline: baseline, policy: GatePolicy(maxRecallDrop: 0))))
        #expect(drop.value == 0.25)
        #expect(!drop.passed)
        #expect(drop.detail.contains("on the 4 attack cases answered in both runs"))
        #expect(drop.detail.contains("95 % bootstrap CI ["))
        #expect(drop.detail.contains("not paired: 2 baseline-only, 0 run-only cases"))

        let disjoint = PairedComparison(base: extra, candidate: Self.items, resamples: 0)
        let unpaired = GateBaseline(name: "run 1", metrics: GroupMetrics(items: extra, threshold: 0.7), comparison: disjoint)
        let nothing = try #require(Self.check(.maxRecallDrop, GateEvaluator.evaluate(Self.subject(), baseline: unpaired, policy: GatePolicy(maxRecallDrop: 0))))
        #expect(nothing.value == nil)
        #expect(!nothing.passed)
        #expect(nothing.detail.contains("no attack case answered in both"))
    }
}
