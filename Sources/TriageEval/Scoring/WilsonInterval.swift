extension ConfidenceInterval {
    /// The two-sided 95% normal quantile used for every interval in reports.
    public static let z95 = 1.959963984540054

    /// The Wilson score interval for a binomial proportion `successes / trials`.
    ///
    /// - Returns: nil when `trials` is 0 (the proportion is undefined); the ends are clamped to [0, 1]
    ///   so rounding never yields a value just outside the unit interval.
    public static func wilson(successes: Int, trials: Int, z: Double = z95) -> ConfidenceInterval? {
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return ConfidenceInterval(lower: max(0, center - half), upper: min(1, center + half))
    }
}
