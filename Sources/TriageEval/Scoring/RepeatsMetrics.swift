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

    /// Groups the items by case (as runs of one array, made only when some case repeats: a big run's cases get no
    /// array each just to learn that none does).
    ///
    /// - Returns: nil unless some case has more than one sample.
    public init?(items: some Collection<ScoredItem>) {
        guard Self.repeats(items) else { return nil }
        self.init(repeated: Array(items))
    }

    /// Whether some case id occurs twice (neighbours compared when the items are in case order, as results are read).
    static func repeats(_ items: some Collection<ScoredItem>) -> Bool {
        var inOrder = true
        for (item, next) in zip(items, items.dropFirst()) {
            if item.caseID == next.caseID { return true }
            if item.caseID > next.caseID { inOrder = false }
        }
        guard !inOrder else { return false }
        var seen = Set<String>()
        return items.contains { !seen.insert($0.caseID).inserted }
    }

    private init(repeated items: [ScoredItem]) {
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
