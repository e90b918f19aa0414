import Testing
import TriageEval

/// A group scored as its answers arrive, one at a time (``GroupTally``), against figures worked out by hand.
@Suite("Group tally")
struct GroupTallyTests {
    /// Four cases, two samples planned, read a case at a time: `a` steady, `b` and `c` flip, `d` has one answer (a parse failure).
    static let answers = [
        scored("a", .tp, "TP", 0.9, alert: true, sample: 0, scenario: "X"),
        scored("a", .tp, "TP", 0.8, alert: true, sample: 1, scenario: "X"),
        scored("b", .tp, "TP", 0.6, sample: 0, scenario: "X"),
        scored("b", .tp, "FP", 0.9, sample: 1, scenario: "X"),
        scored("c", .fp, "FP", 0.8, sample: 0, scenario: "Y"),
        scored("c", .fp, "SUSPICIOUS", 0.75, alert: true, sample: 1, scenario: "Y"),
        scored("d", .fp, nil, nil, status: .noMatch, sample: 0, scenario: "Y"),
    ]

    static func tally(samples: Int, _ items: [ScoredItem] = answers) -> GroupTally {
        var tally = GroupTally(policy: AlertPolicy(minConfidence: 0.7), samples: samples)
        for item in items { tally.add(item) }
        return tally
    }

    @Test("counts, calibration and repeats, overall and per scenario")
    func metrics() throws {
        let tally = Self.tally(samples: 2)
        let overall = tally.overall
        #expect(overall.n == 7)
        #expect(overall.parseFailures == 1)
        #expect((overall.alert.tp, overall.alert.fp, overall.alert.tn, overall.alert.fn) == (2, 1, 2, 2))
        // p_malicious: positives 0.9, 0.8, 0.6, 1 − 0.9; negatives 1 − 0.8, 0.75. Wins: 2 + 2 + 1 + 0 of 8.
        #expect(overall.calibration.n == 6)
        #expect(overall.calibration.auroc == 0.625)
        let repeats = try #require(overall.repeats)
        #expect((repeats.nCases, repeats.flippedCases, repeats.flipRate) == (4, 2, 0.5))
        #expect(repeats.cases.map(\.caseID) == ["a", "b", "c", "d"])
        #expect(repeats.cases.map(\.flipped) == [false, true, true, false])
        #expect(repeats.cases[3].verdicts == [nil])
        let x = try #require(tally.byScenario["X"]), y = try #require(tally.byScenario["Y"])
        #expect((x.n, x.alert.tp, x.alert.fn) == (4, 2, 2))
        #expect((y.n, y.alert.fp, y.alert.tn, y.parseFailures) == (3, 1, 2, 1))
        #expect(x.repeats?.nCases == 2 && x.repeats?.flippedCases == 1)
        #expect(y.repeats?.cases.map(\.caseID) == ["c", "d"])
    }

    @Test("the sweep: every distinct alerting confidence and the production threshold")
    func sweep() throws {
        let sweep = Self.tally(samples: 2).sweep
        // Ranked (TP or SUSPICIOUS): 0.9 P, 0.8 P, 0.75 N, 0.6 P; 4 positives and 3 negatives in all.
        #expect(sweep.points.map(\.threshold) == [0.6, 0.7, 0.75, 0.8, 0.9])
        #expect(sweep.points.map { [$0.tp, $0.fp] } == [[2, 1], [2, 1], [2, 0], [1, 0], [0, 0]])
        #expect(sweep.points.map(\.tn) == [2, 2, 3, 3, 3])
        #expect(sweep.production.threshold == 0.7)
        // F1: 4/7, 4/7, 4/6, 2/5, 0 → 0.75; recall 0.5 at best (ties go to the highest threshold); 0.95 unreachable.
        #expect(sweep.bestF1.threshold == 0.75)
        #expect(sweep.highestRecall.threshold == 0.75)
        #expect(sweep.recallFirst == nil)
    }

    @Test("planned with one sample, a case that repeats anyway is the only one listed, every case counted")
    func unexpectedRepeat() throws {
        let items = [
            scored("a", .tp, "TP", 0.9, alert: true, sample: 0),
            scored("a", .tp, "FP", 0.9, sample: 1),
            scored("b", .fp, "FP", 0.9, sample: 0),
        ]
        let repeats = try #require(Self.tally(samples: 1, items).overall.repeats)
        #expect((repeats.nCases, repeats.flippedCases) == (2, 1))
        #expect(repeats.cases.map(\.caseID) == ["a"])
        #expect(Self.tally(samples: 1, [items[0], items[2]]).overall.repeats == nil)
    }

    @Test("a group read a case at a time scores as the same answers held")
    func sameAsHeld() {
        let tally = Self.tally(samples: 2)
        #expect(tally.overall == GroupMetrics(items: Self.answers, threshold: 0.7))
        #expect(tally.sweep == ThresholdSweep(items: Self.answers, alertVerdicts: ["TP", "SUSPICIOUS"], productionThreshold: 0.7))
    }
}
