import Testing
import TriageEval

@Suite("Exact McNemar")
struct McNemarTests {
    @Test("small counts are exact")
    func small() {
        // n = 1: 2 · P(X ≤ 0) = 2 · ½ = 1.
        #expect(McNemar.exact(b: 1, c: 0) == 1.0)
        // n = 6: 2 · C(6,0) / 2⁶ = 2 / 64.
        #expect(McNemar.exact(b: 0, c: 6) == 0.03125)
        #expect(McNemar.exact(b: 6, c: 0) == 0.03125)
        // n = 10: 2 · (1 + 10 + 45) / 1024 = 112 / 1024.
        #expect(McNemar.exact(b: 2, c: 8) == 0.109375)
        // No discordant pairs, or a perfect balance: 1.
        #expect(McNemar.exact(b: 0, c: 0) == 1.0)
        #expect(McNemar.exact(b: 5, c: 5) == 1.0)
        #expect(McNemar.exact(b: -3, c: 0) == 1.0)
    }

    @Test("large counts match an exact reference", arguments: [
        // Reference: Python, exact integers — min(1, 2 · Σ_{k ≤ min} C(n, k) / 2ⁿ) as a Fraction, then float().
        // scipy.stats.binomtest(min, n).pvalue agrees to ~1e-14 relative (0.04658552770494645, 6.593515598672343e-05,
        // 0.008836205876094518, 0.05561357778139238).
        (4900, 5100, 0.04658552770494739),
        (5200, 4800, 6.593515598672442e-05),
        (30, 55, 0.008836205876094518),
        (100, 130, 0.055613577781392386),
        (4990, 5010, 0.8493103266373204),
        (5000, 5000, 1.0),
    ])
    func large(b: Int, c: Int, expected: Double) {
        let p = McNemar.exact(b: b, c: c)
        #expect(abs(p - expected) <= 1e-12 * expected, "b=\(b) c=\(c): \(p) vs \(expected)")
    }

    @Test("far tails stay exact, down to subnormals, instead of overflowing")
    func tails() {
        // 2 · (1 + 1003 + 502503 + 167668501) / 2¹⁰⁰³: every term is an exact integer → 3.923720417925807e-294 exactly.
        #expect(McNemar.exact(b: 3, c: 1000) == 0x1.40C33Dp-975)
        // 2 · Σ_{k ≤ 3} C(1073, k) / 2¹⁰⁷³ ≈ 4.069063355e-315, a subnormal (Python: 0x0.000003116f308p-1022).
        #expect(McNemar.exact(b: 3, c: 1070) == 0x3116F308p-1074)
        // 2 / 2¹⁰⁰⁰⁰ is below the smallest double.
        #expect(McNemar.exact(b: 0, c: 10_000) == 0.0)
    }
}
