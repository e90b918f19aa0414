/// Answers counted by score: how many positives and negatives stated each distinct score.
///
/// Ranking metrics and the threshold sweep need only these counts, never the answers themselves, so a group is
/// tallied as its answers are read and holds one entry per distinct score (an LLM states few: `0.9`, `0.85`, …).
public struct ScoreTally: Sendable, Hashable {
    /// The answers at one score.
    public struct Count: Sendable, Hashable {
        public var positives = 0
        public var negatives = 0
        public var total: Int { positives + negatives }
    }

    private var counts: [Double: Count] = [:]
    /// Answers tallied, and of them those labeled positive.
    public private(set) var total = 0
    public private(set) var positives = 0

    public init() {}

    /// `(score, positive)` pairs, tallied.
    public init(_ samples: some Sequence<(score: Double, positive: Bool)>) {
        for sample in samples { add(sample.score, positive: sample.positive) }
    }

    /// Counts one answer. (`-0.0` and `0.0` are one score, as they compare equal.)
    public mutating func add(_ score: Double, positive: Bool) {
        total += 1
        if positive {
            positives += 1
            counts[score, default: Count()].positives += 1
        } else {
            counts[score, default: Count()].negatives += 1
        }
    }

    public var negatives: Int { total - positives }

    /// The distinct scores, ascending, each with its answers.
    public var ascending: [(score: Double, count: Count)] {
        counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
