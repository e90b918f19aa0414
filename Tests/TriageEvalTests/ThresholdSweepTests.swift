import Testing
import TriageEval

@Suite("Threshold sweep")
struct ThresholdSweepTests {
    /// Alerting verdicts TP/SUSPICIOUS; positives 1 2 4 6 (P = 4), negatives 3 5 7 (N = 3).
    /// Item 6 has verdict FP, item 7 failed to parse: neither can alert nor adds a threshold.
    private let items = [
        scored("1", .tp, "TP", 0.95),
        scored("2", .tp, "SUSPICIOUS", 0.8),
        scored("3", .fp, "TP", 0.8),
        scored("4", .tp, "TP", 0.7),
        scored("5", .fp, "TP", 0.6),
        scored("6", .tp, "FP", 0.9),
        scored("7", .fp, nil, nil, status: .noMatch),
    ]

    @Test("points at each distinct confidence plus the production threshold")
    func points() {
        let sweep = ThresholdSweep(items: items, alertVerdicts: ["TP", "SUSPICIOUS"], productionThreshold: 0.7)
        // Thresholds {0.95, 0.8, 0.7, 0.6} ∪ {0.7}, ascending. Alert ⇔ confidence > t.
        //   t = 0.6:  alerts 1 2 3 4 → tp 3 fp 1 → P 3/4, R 3/4, F1 6/8 = 0.75, FPR 1/3
        //   t = 0.7:  alerts 1 2 3   → tp 2 fp 1 → P 2/3, R 1/2, F1 4/7,        FPR 1/3  (4 at 0.7 does not alert)
        //   t = 0.8:  alerts 1       → tp 1 fp 0 → P 1,   R 1/4, F1 2/5,        FPR 0
        //   t = 0.95: none           → 0, 0, 0, 0
        #expect(sweep.points.map(\.threshold) == [0.6, 0.7, 0.8, 0.95])
        #expect(sweep.points.map(\.tp) == [3, 2, 1, 0])
        #expect(sweep.points.map(\.fp) == [1, 1, 0, 0])
        #expect(sweep.points.map(\.fn) == [1, 2, 3, 4])
        #expect(sweep.points.map(\.tn) == [2, 2, 3, 3])
        #expect(sweep.points.map(\.precision) == [0.75, 2.0 / 3.0, 1.0, 0.0])
        #expect(sweep.points.map(\.recall) == [0.75, 0.5, 0.25, 0.0])
        #expect(sweep.points.map(\.f1) == [0.75, 4.0 / 7.0, 0.4, 0.0])
        #expect(sweep.points.map(\.fpr) == [1.0 / 3.0, 1.0 / 3.0, 0.0, 0.0])
        #expect(sweep.production == sweep.points[1])
        #expect(sweep.bestF1.threshold == 0.6)
        // Recall 0.95 is never reached: no recall-first point; the highest recall is 0.75 at 0.6.
        #expect(sweep.recallFirst == nil)
        #expect(sweep.highestRecall.threshold == 0.6)
        #expect(sweep.recallTarget == 0.95)
    }

    @Test("recall-first takes the highest threshold that reaches the target")
    func recallFirst() {
        let sweep = ThresholdSweep(items: items, alertVerdicts: ["TP", "SUSPICIOUS"], productionThreshold: 0.7, recallTarget: 0.5)
        // Recall ≥ 0.5 at 0.6 (0.75) and 0.7 (0.5): the highest is 0.7.
        #expect(sweep.recallFirst?.threshold == 0.7)
    }

    @Test("the production point equals the metrics of the production decisions")
    func productionMatchesPolicy() {
        let decided = items.map { item in
            var item = item
            item.alert = item.status == .ok && ["TP", "SUSPICIOUS"].contains(item.verdict ?? "") && (item.confidence ?? 0) > 0.7
            return item
        }
        let sweep = ThresholdSweep(items: items, alertVerdicts: ["TP", "SUSPICIOUS"], productionThreshold: 0.7)
        #expect(sweep.production == AlertMetrics(items: decided, threshold: 0.7))
    }

    @Test("F1 ties go to the higher threshold; a production threshold off the grid is added")
    func ties() {
        // P at 0.9, N at 0.5; production 0.6 (not a confidence).
        //   t = 0.5: alerts the P only → F1 1;  t = 0.6: same → F1 1;  t = 0.9: nothing → F1 0.
        let sweep = ThresholdSweep(
            items: [scored("p", .tp, "TP", 0.9), scored("n", .fp, "TP", 0.5)],
            alertVerdicts: ["TP"], productionThreshold: 0.6, recallTarget: 1.0
        )
        #expect(sweep.points.map(\.threshold) == [0.5, 0.6, 0.9])
        #expect(sweep.points.map(\.f1) == [1, 1, 0])
        #expect(sweep.bestF1.threshold == 0.6)
        #expect(sweep.recallFirst?.threshold == 0.6)  // recall 1 at 0.5 and 0.6
    }

    @Test("no alerting answers: only the production point")
    func empty() {
        let sweep = ThresholdSweep(items: [scored("x", .tp, "FP", 0.9)], alertVerdicts: ["TP"], productionThreshold: 0.7)
        #expect(sweep.points.map(\.threshold) == [0.7])
        #expect(sweep.production.fn == 1)
        #expect(sweep.bestF1 == sweep.production)
        #expect(sweep.recallFirst == nil)  // recall 0.95 is unreachable
        #expect(sweep.highestRecall == sweep.production)
    }
}
