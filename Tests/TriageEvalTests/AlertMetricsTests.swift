import Testing
import TriageEval

@Suite("Alert metrics")
struct AlertMetricsTests {
    @Test("confusion, rates and Wilson intervals of the mixed group")
    func mixed() {
        let metrics = GroupMetrics(items: mixedGroup, threshold: 0.7)
        let alert = metrics.alert
        // Alerted: a (TP), e (TP), d (FP), h (FP, confidence 95 > 0.7). The rest do not.
        // tp = a, e; fp = d, h; fn = b, g, i; tn = c, f, j.
        #expect(alert.threshold == 0.7)
        #expect((alert.tp, alert.fp, alert.tn, alert.fn) == (2, 2, 3, 3))
        #expect(alert.precision == 0.5)  // 2 / 4
        #expect(alert.recall == 0.4)  // 2 / 5
        #expect(alert.f1 == 4.0 / 9.0)  // 2·2 / (2·2 + 2 + 3)
        #expect(alert.fpr == 0.4)  // 2 / (2 + 3)
        #expect(alert.accuracy == 0.5)  // (2 + 3) / 10
        // Wilson, z = 1.959963984540054 (scipy binomtest(k, n).proportion_ci(method="wilson")):
        // 2/4 → [0.15003898915214953, 0.8499610108478505]; 2/5 → [0.117620774232648 (±1e-16), 0.769275718723987].
        #expect(close(alert.precisionCI95?.lower, 0.15003898915214953))
        #expect(close(alert.precisionCI95?.upper, 0.8499610108478505))
        #expect(close(alert.recallCI95?.lower, 0.1176207742326479))
        #expect(close(alert.recallCI95?.upper, 0.769275718723987))
        // One parse failure (g) of ten.
        #expect(metrics.n == 10)
        #expect(metrics.parseFailures == 1)
        #expect(metrics.parseFailureRate == 0.1)
    }

    @Test("Wilson 95% score intervals")
    func wilson() throws {
        // p = 0.8, n = 10, z² = 3.8414588206941254:
        // center = (0.8 + z²/20) / (1 + z²/10) = 0.9920729410347063 / 1.3841458820694126 = 0.7167401600411333
        // half   = z / 1.3841458820694126 · sqrt(0.016 + z²/400) = 0.2265776885044915
        // → [0.4901624715366418, 0.9433178485456248] (scipy agrees to the last digit).
        let eight = try #require(ConfidenceInterval.wilson(successes: 8, trials: 10))
        #expect(close(eight.lower, 0.4901624715366418, 1e-15))
        #expect(close(eight.upper, 0.9433178485456248, 1e-15))
        // 3/4 → [0.30064184258240184, 0.9544127391902995].
        let three = try #require(ConfidenceInterval.wilson(successes: 3, trials: 4))
        #expect(close(three.lower, 0.30064184258240184, 1e-15))
        #expect(close(three.upper, 0.9544127391902995, 1e-15))
        // The extremes stay inside [0, 1]: 0/5 → [0, 0.43448246478317476], 5/5 → [0.5655175352168251, 1].
        let none = try #require(ConfidenceInterval.wilson(successes: 0, trials: 5))
        #expect(none.lower == 0)
        #expect(close(none.upper, 0.43448246478317476, 1e-15))
        let all = try #require(ConfidenceInterval.wilson(successes: 5, trials: 5))
        #expect(close(all.lower, 0.5655175352168251, 1e-15))
        #expect(all.upper == 1)
        // No trials: undefined.
        #expect(ConfidenceInterval.wilson(successes: 0, trials: 0) == nil)
    }

    @Test("zero denominators give 0.0 rates and null intervals")
    func zeroDenominators() {
        // Nothing alerts, all FP: tp = fp = fn = 0, tn = 2.
        let alert = AlertMetrics(items: [scored("x", .fp, "FP", 0.9), scored("y", .fp, "FP", 0.8)], threshold: 0.7)
        #expect((alert.tp, alert.fp, alert.tn, alert.fn) == (0, 0, 2, 0))
        #expect(alert.precision == 0.0)
        #expect(alert.recall == 0.0)
        #expect(alert.f1 == 0.0)
        #expect(alert.fpr == 0.0)  // 0 / 2
        #expect(alert.accuracy == 1.0)  // 2 / 2
        #expect(alert.precisionCI95 == nil)
        #expect(alert.recallCI95 == nil)
    }
}
