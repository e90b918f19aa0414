/// McNemar's test for paired binary outcomes (the same cases judged by two runs).
public enum McNemar {
    /// The exact two-sided p-value from the discordant counts: with n = b + c and X ~ Binomial(n, ½),
    /// p = min(1, 2 · P(X ≤ min(b, c))); 1 when n = 0. Negative counts are treated as 0.
    ///
    /// Σ C(n, k) is accumulated as `sum · 2^scale` so nothing overflows (n of 10,000 and beyond works),
    /// and for small n every term is an exact integer, so e.g. b = 2, c = 8 gives exactly 0.109375.
    ///
    /// - Parameters:
    ///   - b: cases the first run got right and the second wrong.
    ///   - c: cases the first run got wrong and the second right.
    public static func exact(b: Int, c: Int) -> Double {
        let b = max(0, b), c = max(0, c)
        let n = b + c
        guard n > 0 else { return 1 }
        let tail = min(b, c)
        var term = 1.0  // C(n, k) · 2^-scale
        var sum = 1.0  // Σ_{j ≤ k} C(n, j) · 2^-scale
        var scale = 0
        for k in stride(from: 1, through: tail, by: 1) {
            term = term * Double(n - k + 1) / Double(k)
            sum += term
            if sum > 0x1p500 {
                term *= 0x1p-500
                sum *= 0x1p-500
                scale += 500
            }
        }
        // 2 · P(X ≤ tail) = sum · 2^(scale − n + 1), scaled exactly by the exponent.
        return min(1, Double(sign: .plus, exponent: scale - n + 1, significand: sum))
    }
}
