extension ScoredItem {
    /// The verdict as scoring sees it: nil for any parse failure (the `null` column), else the canonical verdict.
    var scoredVerdict: String? {
        status.isFailure ? nil : verdict
    }
}
