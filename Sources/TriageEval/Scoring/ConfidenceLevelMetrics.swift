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
        var tally = Tally()
        for item in items { tally.add(item) }
        self = tally.metrics(order: order)
    }

    /// The levels' counts as answers arrive.
    public struct Tally: Sendable, Hashable {
        private var byLevel: [String: Level] = [:]

        public init() {}

        /// Counts a parsed answer that states a level.
        public mutating func add(_ item: ScoredItem) {
            guard item.status == .ok, let level = item.confidenceLevel else { return }
            byLevel[level, default: Level(level: level, count: 0, alerts: 0, truePositives: 0)].count += 1
            if item.alert {
                byLevel[level]?.alerts += 1
                if item.label == .tp { byLevel[level]?.truePositives += 1 }
            }
        }

        /// The figures of the levels in `order` (lowest to highest).
        public func metrics(order: [String]) -> ConfidenceLevelMetrics {
            ConfidenceLevelMetrics(levels: order.map { level in
                var figures = byLevel[level] ?? Level(level: level, count: 0, alerts: 0, truePositives: 0)
                figures.precision = figures.alerts == 0 ? nil : Double(figures.truePositives) / Double(figures.alerts)
                return figures
            })
        }
    }

    private init(levels: [Level]) {
        self.levels = levels
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
