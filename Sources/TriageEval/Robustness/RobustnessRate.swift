/// A count over a number of trials with its Wilson 95 % interval; undefined (rate and interval nil, shown
/// `n/a`) when there is no trial.
public struct RobustnessRate: Sendable, Hashable, Encodable {
    public var count: Int
    public var trials: Int

    public init(count: Int, trials: Int) {
        self.count = count
        self.trials = trials
    }

    /// `count / trials`, nil when there is no trial.
    public var rate: Double? { trials == 0 ? nil : Double(count) / Double(trials) }
    /// The Wilson 95 % interval, nil when there is no trial.
    public var interval: ConfidenceInterval? { ConfidenceInterval.wilson(successes: count, trials: trials) }

    enum CodingKeys: String, CodingKey { case count, trials, rate, ci95 }

    /// Encodes count, trials, the rate and `ci95` as `[lo, hi]`, both null when undefined.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(trials, forKey: .trials)
        try container.encode(rate, forKey: .rate)
        try container.encode(interval, forKey: .ci95)
    }
}
