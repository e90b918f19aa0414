/// Quantiles of a sample by linear interpolation between order statistics (NumPy's default `linear` method).
public enum Quantile {
    /// The `q` quantile (0 ≤ q ≤ 1) of values already sorted ascending; nil for no values.
    public static func linear(sorted values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let position = min(max(q, 0), 1) * Double(values.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, values.count - 1)
        return values[below] + (values[above] - values[below]) * (position - Double(below))
    }
}
