/// One case's answers across repeated samples.
public struct RepeatCase: Sendable, Hashable, Codable {
    /// The case id.
    public var caseID: String
    /// The case's ground truth.
    public var label: Label
    /// Sample indices, ascending; `verdicts` and `alerts` follow this order.
    public var samples: [Int]
    /// Each sample's verdict, nil for a parse failure.
    public var verdicts: [String?]
    /// The most frequent verdict; ties go to TP, then SUSPICIOUS, FP, other verdicts by name, then null.
    public var majority: String?
    /// Whether each sample alerted.
    public var alerts: [Bool]
    /// Whether the verdicts were not all equal.
    public var flipped: Bool
    /// Whether the alert decisions were not all equal (a confidence crossing the threshold flips an alert
    /// without flipping the verdict).
    public var alertFlipped: Bool

    /// Creates an entry from already computed values.
    public init(
        caseID: String, label: Label, samples: [Int], verdicts: [String?],
        majority: String?, alerts: [Bool], flipped: Bool, alertFlipped: Bool
    ) {
        self.caseID = caseID
        self.label = label
        self.samples = samples
        self.verdicts = verdicts
        self.majority = majority
        self.alerts = alerts
        self.flipped = flipped
        self.alertFlipped = alertFlipped
    }

    /// Summarizes the items of one case (in any order; they are sorted by sample index).
    ///
    /// - Returns: nil for no items.
    public init?(items: [ScoredItem]) {
        guard let first = items.first else { return nil }
        let ordered = items.sorted { $0.sample < $1.sample }
        let verdicts = ordered.map(\.scoredVerdict)
        let alerts = ordered.map(\.alert)
        self.init(
            caseID: first.caseID,
            label: first.label,
            samples: ordered.map(\.sample),
            verdicts: verdicts,
            majority: Self.majority(of: verdicts),
            alerts: alerts,
            flipped: Set(verdicts).count > 1,
            alertFlipped: Set(alerts).count > 1
        )
    }

    /// The most frequent verdict; ties go to TP, then SUSPICIOUS, FP, other verdicts by name, then null (parse failure).
    /// Nil also for an empty list.
    public static func majority(of verdicts: [String?]) -> String? {
        var counts: [String?: Int] = [:]
        for verdict in verdicts {
            counts[verdict, default: 0] += 1
        }
        let best = counts.min { a, b in
            if a.value != b.value { return a.value > b.value }
            return precedes(a.key, b.key)
        }
        return best?.key ?? nil
    }

    /// Tie-break order: TP, SUSPICIOUS, FP, other verdicts by name, null last.
    private static func precedes(_ a: String?, _ b: String?) -> Bool {
        func rank(_ verdict: String?) -> Int {
            switch verdict {
            case "TP": 0
            case "SUSPICIOUS": 1
            case "FP": 2
            case nil: 4
            default: 3
            }
        }
        if rank(a) != rank(b) { return rank(a) < rank(b) }
        return (a ?? "") < (b ?? "")
    }

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case label, samples, verdicts, majority, alerts, flipped
        case alertFlipped = "alert_flipped"
    }

    /// Encodes every key; a null majority and null verdicts as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseID, forKey: .caseID)
        try container.encode(label, forKey: .label)
        try container.encode(samples, forKey: .samples)
        try container.encode(verdicts, forKey: .verdicts)
        try container.encodeOrNull(majority, forKey: .majority)
        try container.encode(alerts, forKey: .alerts)
        try container.encode(flipped, forKey: .flipped)
        try container.encode(alertFlipped, forKey: .alertFlipped)
    }
}
