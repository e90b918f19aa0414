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

    /// Groups the items by case: as they are when they come in case order (as results are read), else a copy sorted
    /// by case id (stable).
    ///
    /// - Returns: nil unless some case has more than one sample.
    public init?(items: some Collection<ScoredItem>) {
        guard Self.repeats(items) else { return nil }
        var tally = Tally(listsEveryCase: true)
        Array(items).forEachRun(by: \.caseID) { run in
            for item in run { tally.add(item) }
        }
        guard let metrics = tally.metrics else { return nil }
        self = metrics
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

    /// Repeats computed as answers arrive, a case at a time: a case's answers must arrive together (results are
    /// read by case, then sample). Holds the answers of one case, and an entry per case listed.
    public struct Tally: Sendable, Hashable {
        /// Whether every case is listed, or only those answered more than once (a run planned with one sample, where
        /// a repeat is not expected: listing its every case just in case would hold an entry per case for nothing).
        let listsEveryCase: Bool
        private var current: [ScoredItem] = []
        private var listed: [RepeatCase] = []
        private var cases = 0
        private var flipped = 0
        private var repeated = false

        public init(listsEveryCase: Bool) {
            self.listsEveryCase = listsEveryCase
        }

        /// Counts one answer; an answer of another case than the last one's closes that case.
        public mutating func add(_ item: ScoredItem) {
            if let last = current.last, last.caseID != item.caseID { close() }
            current.append(item)
        }

        private mutating func close() {
            guard !current.isEmpty else { return }
            cases += 1
            if current.count > 1 { repeated = true }
            // A case answered once cannot flip: its entry is made only when it is listed.
            if listsEveryCase || current.count > 1, let entry = RepeatCase(items: current) {
                if entry.flipped { flipped += 1 }
                listed.append(entry)
            }
            current.removeAll(keepingCapacity: true)
        }

        /// The repeats of the answers counted so far, cases by case id; nil unless some case has more than one sample.
        public var metrics: RepeatsMetrics? {
            var tally = self
            tally.close()
            guard tally.repeated else { return nil }
            var entries = tally.listed
            if !zip(entries, entries.dropFirst()).allSatisfy({ $0.caseID <= $1.caseID }) {
                entries = entries.indices.sorted { (entries[$0].caseID, $0) < (entries[$1].caseID, $1) }.map { entries[$0] }
            }
            return RepeatsMetrics(nCases: tally.cases, flippedCases: tally.flipped, flipRate: ratio(tally.flipped, tally.cases), cases: entries)
        }
    }

    enum CodingKeys: String, CodingKey {
        case nCases = "n_cases"
        case flippedCases = "flipped_cases"
        case flipRate = "flip_rate"
        case cases
    }
}
