/// How a categorical confidence (`high`/`medium`/`low`) performs level by level: how many answers state each
/// level, how many of them alert, and the alert precision at each level; and whether that precision rises
/// with the level, as a confidence worth reading should.
public struct ConfidenceLevelMetrics: Sendable, Hashable, Codable {
    /// One level's figures.
    public struct Level: Sendable, Hashable, Codable {
        /// The level, normalised as declared.
        public var level: String
        /// Parsed (`ok`) answers stating this level.
        public var count: Int
        /// Of those, the answers that alerted.
        public var alerts: Int
        /// Alerts on cases labeled TP.
        public var truePositives: Int
        /// truePositives / alerts; nil (n/a) without an alert at this level.
        public var precision: Double?

        enum CodingKeys: String, CodingKey {
            case level, count, alerts
            case truePositives = "true_positives"
            case precision
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(level, forKey: .level)
            try container.encode(count, forKey: .count)
            try container.encode(alerts, forKey: .alerts)
            try container.encode(truePositives, forKey: .truePositives)
            try container.encodeOrNull(precision, forKey: .precision)
        }
    }

    /// The levels from lowest to highest.
    public var levels: [Level]
    /// Whether precision never falls from a lower level to a higher one, over the levels where it is defined;
    /// nil (n/a) when fewer than two levels have a precision.
    public var precisionRises: Bool?

    /// Scores `items` per level; `order` lists the levels from lowest to highest.
    public init(items: some Collection<ScoredItem>, order: [String]) {
        levels = order.map { level in
            let stated = items.filter { $0.status == .ok && $0.confidenceLevel == level }
            let alerts = stated.filter(\.alert)
            let truePositives = alerts.count { $0.label == .tp }
            return Level(
                level: level, count: stated.count, alerts: alerts.count, truePositives: truePositives,
                precision: alerts.isEmpty ? nil : Double(truePositives) / Double(alerts.count)
            )
        }
        let defined = levels.compactMap(\.precision)
        precisionRises = defined.count < 2 ? nil : zip(defined, defined.dropFirst()).allSatisfy { $0 <= $1 }
    }

    enum CodingKeys: String, CodingKey {
        case levels
        case precisionRises = "precision_rises"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(levels, forKey: .levels)
        try container.encodeOrNull(precisionRises, forKey: .precisionRises)
    }
}
