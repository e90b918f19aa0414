/// Every metric of one group of answers (a prompt × model overall, or one scenario of it):
/// the `GROUP` object of the JSON report contract.
public struct GroupMetrics: Sendable, Hashable, Codable {
    /// Number of answers (every sample of every case).
    public var n: Int
    /// Answers whose parse status is not `ok`.
    public var parseFailures: Int
    /// parseFailures / n, 0.0 when n = 0.
    public var parseFailureRate: Double
    /// The alert confusion matrix and rates.
    public var alert: AlertMetrics
    /// Calibration of the stated confidence.
    public var calibration: CalibrationMetrics
    /// Label × verdict counts.
    public var verdictConfusion: VerdictConfusion
    /// Stability across repeats, nil unless some case has more than one sample.
    public var repeats: RepeatsMetrics?

    /// Creates group metrics from already computed parts.
    public init(
        n: Int, parseFailures: Int, parseFailureRate: Double, alert: AlertMetrics,
        calibration: CalibrationMetrics, verdictConfusion: VerdictConfusion, repeats: RepeatsMetrics?
    ) {
        self.n = n
        self.parseFailures = parseFailures
        self.parseFailureRate = parseFailureRate
        self.alert = alert
        self.calibration = calibration
        self.verdictConfusion = verdictConfusion
        self.repeats = repeats
    }

    /// Computes every metric of `items`; `threshold` is the policy threshold the alerts were decided with.
    public init(items: some Collection<ScoredItem>, threshold: Double) {
        var tally = Tally(repeats: nil)
        for item in items { tally.add(item) }
        self = tally.metrics(threshold: threshold)
        repeats = RepeatsMetrics(items: items)
    }

    /// Every metric computed as answers arrive, holding counts and sums, never the answers (``RepeatsMetrics/Tally``
    /// holds one case's).
    public struct Tally: Sendable, Hashable {
        private var n = 0
        private var failures = 0
        private var alert = AlertMetrics.Tally()
        private var calibration = CalibrationMetrics.Tally()
        private var verdicts = VerdictConfusion()
        private var repeats: RepeatsMetrics.Tally?

        /// `repeats`: how stability across samples is tallied (answers must then arrive a case at a time); nil: not at all.
        public init(repeats: RepeatsMetrics.Tally?) {
            self.repeats = repeats
        }

        /// Counts one answer.
        public mutating func add(_ item: ScoredItem) {
            n += 1
            if item.status.isFailure { failures += 1 }
            alert.add(item)
            calibration.add(item)
            verdicts.add(item)
            repeats?.add(item)
        }

        /// The metrics of the answers counted so far; `threshold` is the policy threshold the alerts were decided with.
        public func metrics(threshold: Double) -> GroupMetrics {
            GroupMetrics(
                n: n, parseFailures: failures, parseFailureRate: ratio(failures, n), alert: alert.metrics(threshold: threshold),
                calibration: calibration.metrics, verdictConfusion: verdicts, repeats: repeats?.metrics
            )
        }
    }

    /// The parse failure rate, nil with no answer.
    public var definedParseFailureRate: Double? { n == 0 ? nil : parseFailureRate }

    /// The JSON names of this group's metrics whose denominator is 0: the alert rates (`precision`, `recall`,
    /// `f1`, `fpr`, `accuracy`), `parse_failure_rate` and `flip_rate`. They are encoded as 0.0 (the contract's
    /// `zero_division=0`); a reader shows them as n/a.
    public var undefined: [String] {
        var names = alert.undefined
        if n == 0 { names.append("parse_failure_rate") }
        if let repeats, repeats.nCases == 0 { names.append("flip_rate") }
        return names
    }

    enum CodingKeys: String, CodingKey {
        case n
        case parseFailures = "parse_failures"
        case parseFailureRate = "parse_failure_rate"
        case alert, calibration
        case verdictConfusion = "verdict_confusion"
        case repeats
    }

    /// Encodes every key; `repeats` as `null` when there are none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(n, forKey: .n)
        try container.encode(parseFailures, forKey: .parseFailures)
        try container.encode(parseFailureRate, forKey: .parseFailureRate)
        try container.encode(alert, forKey: .alert)
        try container.encode(calibration, forKey: .calibration)
        try container.encode(verdictConfusion, forKey: .verdictConfusion)
        try container.encodeOrNull(repeats, forKey: .repeats)
        var added = encoder.container(keyedBy: AddedKeys.self)
        try added.encode(undefined, forKey: .undefined)
    }

    /// Keys the report adds to the contract's group object (encoded only).
    enum AddedKeys: String, CodingKey {
        case undefined
    }
}
