import Testing
import TriageEval

@Suite("Calibration")
struct CalibrationMetricsTests {
    @Test("bin index compares with the edges Double(k)/10", arguments: [
        (0.0, 0),
        (0.09999999999999998, 0),  // 1 − 0.9: just below the edge 0.1
        (0.1, 1),
        (0.3, 3),  // Int(0.3 * 10) would give 2 (0.3 * 10 == 2.9999999999999996)
        (0.30000000000000004, 3),  // 1 − 0.7
        (0.7, 7),  // exactly the production threshold: bin 7, not 6
        (0.6999999999999999, 6),
        (0.9999999999999999, 9),
        (1.0, 9),  // the last bin is closed at 1.0
    ])
    func binIndex(p: Double, bin: Int) {
        #expect(ReliabilityBin.index(of: p) == bin)
    }

    @Test("p_malicious: confidence for TP/SUSPICIOUS, 1 − confidence for FP, nil otherwise")
    func pMalicious() {
        #expect(CalibrationMetrics.pMalicious(scored("x", .tp, "TP", 0.9)) == 0.9)
        #expect(CalibrationMetrics.pMalicious(scored("x", .tp, "SUSPICIOUS", 0.4)) == 0.4)
        // No rounding: 1 − 0.9 in binary floating point.
        #expect(CalibrationMetrics.pMalicious(scored("x", .fp, "FP", 0.9)) == 0.09999999999999998)
        #expect(CalibrationMetrics.pMalicious(scored("x", .fp, "FP", 95)) == nil)  // out of [0, 1]
        #expect(CalibrationMetrics.pMalicious(scored("x", .fp, "FP", -0.1)) == nil)
        #expect(CalibrationMetrics.pMalicious(scored("x", .fp, nil, nil, status: .noMatch)) == nil)
        #expect(CalibrationMetrics.pMalicious(scored("x", .fp, "BENIGN", 0.9)) == nil)  // no defined direction
        #expect(CalibrationMetrics.pMalicious(scored("x", .fp, "TP", 0.0)) == 0.0)  // both ends are inside
        #expect(CalibrationMetrics.pMalicious(scored("x", .fp, "TP", 1.0)) == 1.0)
    }

    @Test("reliability, Brier, ECE, MCE, AUROC and AP of the mixed group")
    func mixed() throws {
        let calibration = CalibrationMetrics(items: mixedGroup)
        // Used: a b c d e f i j (g failed to parse, h has confidence 95). y = 1 for a b e i.
        #expect(calibration.n == 8)
        #expect(calibration.positives == 4)
        // Bins (p, y):
        //   0: c (0.09999999999999998, 0)                mean 0.09999999999999998  obs 0     |gap| 0.1
        //   3: f (0.30000000000000004, 0), i (0.30000000000000004, 1), j (0.3, 0)
        //                                                mean 0.30000000000000004  obs 1/3   |gap| 0.0333…
        //   7: b (0.7, 1)                                mean 0.7                  obs 1     |gap| 0.3
        //   8: d (0.8, 0)                                mean 0.8                  obs 0     |gap| 0.8
        //   9: a (0.9, 1), e (1.0, 1)                    mean 0.95                 obs 1     |gap| 0.05
        let bins = calibration.reliability
        #expect(bins.map(\.bin) == Array(0 ..< 10))
        #expect(bins.map(\.count) == [1, 0, 0, 3, 0, 0, 0, 1, 1, 2])
        #expect(bins[0].meanPredicted == 0.09999999999999998)
        #expect(bins[0].observedFrequency == 0.0)
        #expect(bins[3].meanPredicted == 0.30000000000000004)
        #expect(bins[3].observedFrequency == 1.0 / 3.0)
        #expect(bins[7].meanPredicted == 0.7)
        #expect(bins[7].observedFrequency == 1.0)
        #expect(bins[9].meanPredicted == 0.95)
        for empty in [1, 2, 4, 5, 6] {
            #expect(bins[empty].meanPredicted == nil)
            #expect(bins[empty].observedFrequency == nil)
        }
        #expect(bins[3].lower == 0.3)
        #expect(bins[3].upper == 0.4)
        #expect(bins[9].upper == 1.0)
        // Brier = (0.01 + 0.09 + 0.01 + 0.64 + 0 + 0.09 + 0.49 + 0.09) / 8 = 1.42 / 8 = 0.1775 (a b c d e f i j).
        #expect(close(calibration.brier, 0.1775))
        // ECE = (1·0.1 + 3·(1/30) + 1·0.3 + 1·0.8 + 2·0.05) / 8 = 1.4 / 8 = 0.175; MCE = 0.8 (bin 8).
        #expect(close(calibration.ece, 0.175))
        #expect(close(calibration.mce, 0.8))
        // AUROC: positives {0.9, 0.7, 1.0, 0.30000000000000004}, negatives {0.0999…, 0.8, 0.30000000000000004, 0.3}.
        // Wins per positive: 0.9 → 4, 0.7 → 3, 1.0 → 4, 0.30000000000000004 → 2 + ½ (tie with f) = 2.5.
        // 13.5 / 16 = 0.84375.
        #expect(calibration.auroc == 0.84375)
        // AP: descending thresholds 1.0 (P), 0.9 (P), 0.8 (N), 0.7 (P), 0.30000000000000004 (P, N), …
        //   recall/precision: 1/4 @ 1, 2/4 @ 1, 2/4 @ 2/3, 3/4 @ 3/4, 4/4 @ 4/6
        //   AP = ¼·1 + ¼·1 + 0 + ¼·¾ + ¼·⅔ = 0.8541666…
        #expect(close(calibration.averagePrecision, 0.8541666666666666))
    }

    @Test("an FP verdict at 0.9 is a p of 0.09999999999999998 in bin 0")
    func fpVerdictBinZero() {
        let calibration = CalibrationMetrics(items: [scored("c", .fp, "FP", 0.9)])
        #expect(calibration.reliability[0].count == 1)
        #expect(calibration.reliability[0].meanPredicted == 0.09999999999999998)
        #expect(calibration.reliability[1].count == 0)
        // One negative only: Brier = p², ECE = MCE = p, AUROC and AP undefined.
        #expect(calibration.brier == 0.09999999999999998 * 0.09999999999999998)
        #expect(calibration.ece == 0.09999999999999998)
        #expect(calibration.auroc == nil)
        #expect(calibration.averagePrecision == nil)
    }

    @Test("nothing usable: null values, ten empty bins")
    func empty() {
        for items in [[], [scored("g", .tp, nil, nil, status: .noMatch), scored("h", .fp, "TP", 95)]] {
            let calibration = CalibrationMetrics(items: items)
            #expect(calibration.n == 0)
            #expect(calibration.positives == 0)
            #expect(calibration.brier == nil)
            #expect(calibration.ece == nil)
            #expect(calibration.mce == nil)
            #expect(calibration.auroc == nil)
            #expect(calibration.averagePrecision == nil)
            #expect(calibration.reliability.count == 10)
            #expect(calibration.reliability.allSatisfy { $0.count == 0 && $0.meanPredicted == nil && $0.observedFrequency == nil })
            #expect(calibration.reliability.map(\.lower) == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        }
    }
}
