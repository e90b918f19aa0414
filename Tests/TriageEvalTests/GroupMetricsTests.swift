import Testing
import TriageEval

@Suite("Group metrics")
struct GroupMetricsTests {
    @Test("empty group: rates 0.0, intervals and calibration values null")
    func empty() {
        let group = GroupMetrics(items: [], threshold: 0.7)
        #expect(group.n == 0)
        #expect(group.parseFailures == 0)
        #expect(group.parseFailureRate == 0.0)
        #expect((group.alert.tp, group.alert.fp, group.alert.tn, group.alert.fn) == (0, 0, 0, 0))
        #expect([group.alert.precision, group.alert.recall, group.alert.f1, group.alert.fpr, group.alert.accuracy] == [0, 0, 0, 0, 0])
        #expect(group.alert.precisionCI95 == nil)
        #expect(group.alert.recallCI95 == nil)
        #expect(group.calibration.n == 0)
        #expect(group.calibration.brier == nil)
        #expect(group.calibration.ece == nil)
        #expect(group.calibration.mce == nil)
        #expect(group.calibration.auroc == nil)
        #expect(group.calibration.averagePrecision == nil)
        #expect(group.verdictConfusion == VerdictConfusion())
        #expect(group.repeats == nil)
    }

    @Test("verdict confusion: label × {TP, SUSPICIOUS, FP, null}")
    func verdictConfusion() {
        let confusion = GroupMetrics(items: mixedGroup, threshold: 0.7).verdictConfusion
        // TP row: a TP, b SUSPICIOUS, e TP, g null, i FP.
        #expect(confusion.tp == VerdictCounts(tp: 2, suspicious: 1, fp: 1, unparsed: 1))
        // FP row: c FP, d TP, f FP, h TP, j SUSPICIOUS.
        #expect(confusion.fp == VerdictCounts(tp: 2, suspicious: 1, fp: 2, unparsed: 0))
        #expect(confusion[.tp][nil] == 1)
        #expect(confusion[.fp]["FP"] == 2)
    }

    @Test("a failed parse counts as null even if a verdict was carried along")
    func failureIsNull() {
        let confusion = VerdictConfusion(items: [scored("x", .tp, "TP", 0.9, status: .invalidConfidence)])
        #expect(confusion.tp == VerdictCounts(unparsed: 1))
    }

    @Test("breakdown by scenario, with one-class scenarios")
    func breakdown() throws {
        let items = [
            scored("l1", .tp, "TP", 0.9, alert: true, scenario: "LSASS"),
            scored("l2", .tp, "TP", 0.6, scenario: "LSASS"),
            scored("s1", .fp, "FP", 0.8, scenario: "SCCM"),
            scored("s2", .fp, "TP", 0.75, alert: true, scenario: "SCCM"),
        ]
        var tally = GroupTally(policy: AlertPolicy(minConfidence: 0.7), samples: 1)
        for item in items { tally.add(item) }
        let (overall, byScenario) = (tally.overall, tally.byScenario)
        #expect(overall.n == 4)
        #expect(Set(byScenario.keys) == ["LSASS", "SCCM"])
        let lsass = try #require(byScenario["LSASS"])
        let sccm = try #require(byScenario["SCCM"])
        // LSASS: positives only. tp 1, fn 1; no negatives → fpr 0.0; AUROC null; AP = 1 (all positives).
        #expect((lsass.alert.tp, lsass.alert.fn, lsass.alert.fp, lsass.alert.tn) == (1, 1, 0, 0))
        #expect(lsass.alert.recall == 0.5)
        #expect(lsass.alert.fpr == 0.0)
        #expect(lsass.calibration.auroc == nil)
        #expect(lsass.calibration.averagePrecision == 1.0)
        // SCCM: negatives only. fp 1, tn 1; recall 0.0 with a null interval; AUROC and AP null.
        #expect((sccm.alert.fp, sccm.alert.tn) == (1, 1))
        #expect(sccm.alert.recall == 0.0)
        #expect(sccm.alert.recallCI95 == nil)
        #expect(sccm.alert.precision == 0.0)  // 0 of 1 alert
        #expect(sccm.alert.precisionCI95 != nil)
        #expect(sccm.calibration.positives == 0)
        #expect(sccm.calibration.auroc == nil)
        #expect(sccm.calibration.averagePrecision == nil)
        // Overall has both classes. p = 0.9, 0.6 (P); 1 − 0.8 = 0.19999999999999996, 0.75 (N).
        // Wins: 0.9 beats both (2), 0.6 beats 0.2 only (1) → 3 / 4.
        #expect(overall.calibration.auroc == 0.75)
        #expect(overall == GroupMetrics(items: items, threshold: 0.7))
    }
}
