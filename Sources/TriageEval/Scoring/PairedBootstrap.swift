/// A paired bootstrap over cases: resample the cases with replacement, keeping each case's two outcomes
/// together, and read the 95% percentile interval of the candidate − base difference in recall and precision.
public enum PairedBootstrap {
    /// The number of resamples used unless told otherwise.
    public static let defaultResamples = 2000

    /// Observed differences and their bootstrap intervals.
    public struct Result: Sendable, Hashable {
        /// Candidate recall − base recall on all cases, nil without positives.
        public var deltaRecall: Double?
        /// Candidate precision − base precision on all cases, nil unless both runs alerted at least once.
        public var deltaPrecision: Double?
        /// 2.5th–97.5th percentile of Δrecall over the resamples where it is defined, nil if none.
        public var deltaRecallCI95: ConfidenceInterval?
        /// 2.5th–97.5th percentile of Δprecision over the resamples where it is defined, nil if none.
        public var deltaPrecisionCI95: ConfidenceInterval?
        /// Resamples drawn.
        public var resamples: Int
        /// Resamples in which Δrecall was defined (they contained a positive).
        public var recallResamplesUsed: Int
        /// Resamples in which Δprecision was defined (both runs alerted).
        public var precisionResamplesUsed: Int

        /// Creates a result from already computed values.
        public init(
            deltaRecall: Double?, deltaPrecision: Double?,
            deltaRecallCI95: ConfidenceInterval?, deltaPrecisionCI95: ConfidenceInterval?,
            resamples: Int, recallResamplesUsed: Int, precisionResamplesUsed: Int
        ) {
            self.deltaRecall = deltaRecall
            self.deltaPrecision = deltaPrecision
            self.deltaRecallCI95 = deltaRecallCI95
            self.deltaPrecisionCI95 = deltaPrecisionCI95
            self.resamples = resamples
            self.recallResamplesUsed = recallResamplesUsed
            self.precisionResamplesUsed = precisionResamplesUsed
        }
    }

    /// Runs the bootstrap; the same outcomes, seed and resample count always give the same result.
    ///
    /// - Parameters:
    ///   - outcomes: one entry per case, in a stable order (the order is part of what the seed reproduces).
    ///   - seed: seeds a ``SplitMix64``.
    ///   - resamples: B, the number of resamples (none are drawn for B ≤ 0 or no outcomes).
    public static func run(_ outcomes: [PairedOutcome], seed: UInt64, resamples: Int = defaultResamples) -> Result {
        let drawn = outcomes.isEmpty ? 0 : max(0, resamples)
        var generator = SplitMix64(seed: seed)
        var recallDeltas: [Double] = []
        var precisionDeltas: [Double] = []
        for _ in 0 ..< drawn {
            var tally = Tally()
            for _ in outcomes.indices {
                tally.add(outcomes[generator.index(below: outcomes.count)])
            }
            if let delta = tally.deltaRecall { recallDeltas.append(delta) }
            if let delta = tally.deltaPrecision { precisionDeltas.append(delta) }
        }
        let observed = outcomes.reduce(into: Tally()) { $0.add($1) }
        return Result(
            deltaRecall: observed.deltaRecall,
            deltaPrecision: observed.deltaPrecision,
            deltaRecallCI95: percentileInterval(recallDeltas),
            deltaPrecisionCI95: percentileInterval(precisionDeltas),
            resamples: drawn,
            recallResamplesUsed: recallDeltas.count,
            precisionResamplesUsed: precisionDeltas.count
        )
    }

    /// The 2.5th and 97.5th percentiles (``Quantile/linear(sorted:_:)``); nil for no values.
    private static func percentileInterval(_ values: [Double]) -> ConfidenceInterval? {
        let sorted = values.sorted()
        guard let lower = Quantile.linear(sorted: sorted, 0.025), let upper = Quantile.linear(sorted: sorted, 0.975) else { return nil }
        return ConfidenceInterval(lower: lower, upper: upper)
    }
}

/// Counts of one (re)sample of paired outcomes.
private struct Tally {
    var positives = 0
    var baseTruePositives = 0
    var candidateTruePositives = 0
    var baseAlerts = 0
    var candidateAlerts = 0

    mutating func add(_ outcome: PairedOutcome) {
        let positive = outcome.label == .tp
        if positive { positives += 1 }
        if outcome.baseAlert {
            baseAlerts += 1
            if positive { baseTruePositives += 1 }
        }
        if outcome.candidateAlert {
            candidateAlerts += 1
            if positive { candidateTruePositives += 1 }
        }
    }

    var deltaRecall: Double? {
        guard positives > 0 else { return nil }
        return Double(candidateTruePositives - baseTruePositives) / Double(positives)
    }

    var deltaPrecision: Double? {
        guard baseAlerts > 0, candidateAlerts > 0 else { return nil }
        return Double(candidateTruePositives) / Double(candidateAlerts) - Double(baseTruePositives) / Double(baseAlerts)
    }
}
