/// Stability across repeated samples of the same case.
public struct RepeatsMetrics: Sendable, Hashable, Codable {
    /// Number of distinct cases in the group (every case, whatever its sample count).
    public var nCases: Int
    /// Cases whose verdicts were not all equal.
    public var flippedCases: Int
    /// flippedCases / nCases.
    public var flipRate: Double
    /// One entry per case, by case id.
    public var cases: [RepeatCase]

    /// Creates repeat metrics from already computed values.
    public init(nCases: Int, flippedCases: Int, flipRate: Double, cases: [RepeatCase]) {
        self.nCases = nCases
        self.flippedCases = flippedCases
        self.flipRate = flipRate
        self.cases = cases
    }

    /// Groups the items by case (as runs of one array: a big run's cases get no array each just to learn that none
    /// repeats).
    ///
    /// - Returns: nil unless some case has more than one sample.
    public init?(items: [ScoredItem]) {
        var repeated = false
        items.forEachRun(by: \.caseID) { run in repeated = repeated || run.count > 1 }
        guard repeated else { return nil }
        var cases: [RepeatCase] = []
        items.forEachRun(by: \.caseID) { run in
            if let item = RepeatCase(items: Array(run)) { cases.append(item) }
        }
        let flipped = cases.count(where: \.flipped)
        self.init(nCases: cases.count, flippedCases: flipped, flipRate: ratio(flipped, cases.count), cases: cases)
    }

    enum CodingKeys: String, CodingKey {
        case nCases = "n_cases"
        case flippedCases = "flipped_cases"
        case flipRate = "flip_rate"
        case cases
    }
}
