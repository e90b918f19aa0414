import Testing
import TriageEval

@Suite("Ranking metrics")
struct RankingMetricsTests {
    @Test("AUROC counts ties as ½")
    func aurocTies() {
        // Positives {0.8, 0.5}, negatives {0.5, 0.2}.
        // Pairs: 0.8>0.5 → 1, 0.8>0.2 → 1, 0.5=0.5 → ½, 0.5>0.2 → 1. 3.5 / 4 = 0.875.
        let samples: [(score: Double, positive: Bool)] = [(0.8, true), (0.5, true), (0.5, false), (0.2, false)]
        #expect(RankingMetrics.auroc(samples) == 0.875)
        // All tied: every pair is ½.
        #expect(RankingMetrics.auroc([(0.5, true), (0.5, false), (0.5, false)]) == 0.5)
        // Perfectly inverted.
        #expect(RankingMetrics.auroc([(0.1, true), (0.9, false)]) == 0.0)
    }

    @Test("AUROC needs both classes")
    func aurocOneClass() {
        #expect(RankingMetrics.auroc([]) == nil)
        #expect(RankingMetrics.auroc([(0.9, true), (0.8, true)]) == nil)
        #expect(RankingMetrics.auroc([(0.9, false)]) == nil)
    }

    @Test("average precision, scikit-learn's step definition")
    func averagePrecision() {
        // Scores 0.9 P, 0.8 N, 0.7 P, 0.7 N, 0.3 P (3 positives). Descending distinct thresholds:
        //   ≥0.9: tp 1 of 1 → R 1/3, P 1    → + 1/3 · 1   = 1/3
        //   ≥0.8: tp 1 of 2 → R 1/3          → + 0
        //   ≥0.7: tp 2 of 4 → R 2/3, P 1/2  → + 1/3 · 1/2 = 1/6
        //   ≥0.3: tp 3 of 5 → R 1,   P 3/5  → + 1/3 · 3/5 = 1/5
        // AP = 1/3 + 1/6 + 1/5 = 0.7. (AUROC of the same: (2 + ½ + 0) / 6 = 0.41666…)
        let samples: [(score: Double, positive: Bool)] = [(0.9, true), (0.8, false), (0.7, true), (0.7, false), (0.3, true)]
        #expect(close(RankingMetrics.averagePrecision(samples), 0.7))
        #expect(close(RankingMetrics.auroc(samples), 2.5 / 6))
        // Only positives: precision is 1 at every step → 1.
        #expect(RankingMetrics.averagePrecision([(0.2, true), (0.9, true)]) == 1.0)
        // No positives: undefined.
        #expect(RankingMetrics.averagePrecision([(0.9, false)]) == nil)
        #expect(RankingMetrics.averagePrecision([]) == nil)
    }
}
