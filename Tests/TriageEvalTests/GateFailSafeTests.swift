import Testing
import TriageEval

/// Issue 11 A1: a gate that cannot see every planned evaluation fails, and says why.
@Suite("Gate fails safe")
struct GateFailSafeTests {
    static func subject(
        _ items: [ScoredItem], tags: [String: [String]] = [:], planned: [(String, Label)], samples: Int = 1, errors: Int = 0
    ) -> GateSubject {
        let cases = CaseOutcome.fold(items, plannedCases: planned.map { ($0.0, $0.1, "S") }, samples: samples)
        return GateSubject(
            name: "p@v1 × m", metrics: GroupMetrics(items: items, threshold: 0.7), items: ScoredItems(items), tags: tags, cases: cases,
            planned: planned.count * samples, errors: errors
        )
    }

    static func check(_ kind: GateCheck.Kind, _ checks: [GateCheck]) -> GateCheck? { checks.first { $0.kind == kind } }

    @Test("an all-error subject fails with a policy of only max_fpr, and even with max_error_rate: 1")
    func allErrors() throws {
        let planned: [(String, Label)] = [("a1", .tp), ("a2", .tp), ("b1", .fp)]
        let subject = Self.subject([], tags: ["a1": ["must-alert"]], planned: planned, errors: 3)
        for policy in [GatePolicy(maxFPR: 0.1), GatePolicy(maxFPR: 0.1, maxErrorRate: 1)] {
            let checks = GateEvaluator.evaluate(subject, policy: policy)
            #expect(checks.contains { !$0.passed })
            let completeness = try #require(Self.check(.maxErrorRate, checks))
            #expect(!completeness.passed)
            #expect(completeness.value == 1)
            #expect(completeness.detail.contains("3 of 3 planned evaluations unanswered (3 provider errors, 0 never run)"))
            #expect(completeness.detail.contains("cannot pass"))
            // FPR has no denominator: the check fails and says why instead of reading 0 ≤ 0.1.
            let fpr = try #require(Self.check(.maxFPR, checks))
            #expect(!fpr.passed)
            #expect(fpr.value == nil)
            #expect(fpr.detail.contains("undefined"))
            // The errored must-alert attack is a missed attack.
            let mustAlert = try #require(Self.check(.mustAlert, checks))
            #expect(!mustAlert.passed)
            #expect(mustAlert.detail.contains("a1 (no answered sample)"))
        }
    }

    @Test("an incomplete subject fails by default and passes when max_error_rate allows it explicitly")
    func incomplete() throws {
        let items = (1...9).map { scored("a\($0)", .tp, "TP", 0.9, alert: true) }
        let planned = (1...10).map { ("a\($0)", Label.tp) }
        let subject = Self.subject(items, planned: planned, errors: 1)
        let strict = try #require(Self.check(.maxErrorRate, GateEvaluator.evaluate(subject, policy: GatePolicy())))
        #expect(!strict.passed)
        #expect(strict.value == 0.1)
        #expect(strict.detail.contains("1 of 10 planned evaluations unanswered"))
        let allowed = try #require(Self.check(.maxErrorRate, GateEvaluator.evaluate(subject, policy: GatePolicy(maxErrorRate: 0.1))))
        #expect(allowed.passed)
    }

    @Test("a complete subject passes the completeness check")
    func complete() throws {
        let items = [scored("a1", .tp, "TP", 0.9, alert: true), scored("b1", .fp, "FP", 0.9)]
        let subject = Self.subject(items, planned: [("a1", .tp), ("b1", .fp)])
        let checks = GateEvaluator.evaluate(subject, policy: GatePolicy(minRecall: 1, maxFPR: 0))
        #expect(checks.allSatisfy { $0.passed }, "\(checks)")
    }

    @Test("a must-not-alert case with no answered sample fails; one errored sample of two fails under majority")
    func unansweredZeroTolerance() throws {
        let planned: [(String, Label)] = [("a1", .tp), ("b1", .fp)]
        let tags = ["a1": ["must-alert"], "b1": ["must-not-alert"]]
        // a1: sample 0 alerted, sample 1 errored → 1 right of 2 planned: not a majority.
        let items = [scored("a1", .tp, "TP", 0.9, alert: true, sample: 0)]
        let checks = GateEvaluator.evaluate(Self.subject(items, tags: tags, planned: planned, samples: 2, errors: 3), policy: GatePolicy(maxErrorRate: 1))
        let mustAlert = try #require(Self.check(.mustAlert, checks))
        #expect(!mustAlert.passed)
        #expect(mustAlert.detail.contains(": a1"))
        let mustNotAlert = try #require(Self.check(.mustNotAlert, checks))
        #expect(!mustNotAlert.passed)
        #expect(mustNotAlert.detail.contains("b1 (no answered sample)"))
    }

    @Test("checks on undefined metrics fail and say which denominator is 0", arguments: [
        (GatePolicy(minPrecision: 0.5), GateCheck.Kind.minPrecision, "no answer alerted"),
        (GatePolicy(minRecall: 0.5), .minRecall, "no attack case answered"),
    ])
    func undefinedMetric(policy: GatePolicy, kind: GateCheck.Kind, reason: String) throws {
        // Only benign cases, none alerted: precision and recall have no denominator.
        let items = [scored("b1", .fp, "FP", 0.9), scored("b2", .fp, "FP", 0.9)]
        let check = try #require(Self.check(kind, GateEvaluator.evaluate(Self.subject(items, planned: [("b1", .fp), ("b2", .fp)]), policy: policy)))
        #expect(!check.passed)
        #expect(check.value == nil)
        #expect(check.detail.contains("undefined: \(reason)"))
    }
}

/// Issue 11 A5: the rule's own operator decides, sweeps and reads back.
@Suite("Rule operator")
struct RuleOperatorTests {
    static let items = [
        scored("a1", .tp, "TP", 0.8), scored("a2", .tp, "TP", 0.9), scored("b1", .fp, "TP", 0.8), scored("b2", .fp, "FP", 0.9),
    ]

    @Test(">= alerts at the threshold itself; > does not")
    func policy() {
        let answer = ParsedAnswer(status: .ok, verdict: "TP", confidence: 0.8)
        #expect(AlertPolicy(minConfidence: 0.8, comparison: .greaterOrEqual).alerts(answer))
        #expect(!AlertPolicy(minConfidence: 0.8).alerts(answer))
    }

    @Test("the sweep's production point under >= equals the production decisions")
    func sweepProduction() {
        let sweep = ThresholdSweep(items: Self.items, alertVerdicts: ["TP"], productionThreshold: 0.8, comparison: .greaterOrEqual)
        // At >= 0.8: a1, a2 and b1 alert → TP 2, FP 1. Under > 0.8 only a2 would.
        #expect(sweep.production.tp == 2)
        #expect(sweep.production.fp == 1)
        #expect(sweep.comparison == .greaterOrEqual)
    }

    @Test("recall-first is nil when no threshold reaches the target, with the highest recall kept")
    func unreachable() throws {
        // Only one of two attacks has an alerting verdict: recall is at most 0.5.
        let items = [scored("a1", .tp, "TP", 0.9), scored("a2", .tp, "FP", 0.9), scored("b1", .fp, "FP", 0.9)]
        let sweep = ThresholdSweep(items: items, alertVerdicts: ["TP"], productionThreshold: 0.7)
        #expect(sweep.recallFirst == nil)
        #expect(sweep.highestRecall.recall == 0.5)
    }
}
