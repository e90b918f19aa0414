/// `numerator / denominator`, or 0.0 when the denominator is 0 (the contract's rule for rates).
func ratio(_ numerator: Int, _ denominator: Int) -> Double {
    denominator == 0 ? 0.0 : Double(numerator) / Double(denominator)
}
