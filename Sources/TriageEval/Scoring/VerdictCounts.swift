/// How many answers gave each verdict: one row of the verdict confusion table.
///
/// Encoded as `{"TP": n, "SUSPICIOUS": n, "FP": n, "null": n}` — every key always present,
/// `null` counting parse failures. A verdict outside those three (a prompt that declares its own)
/// is counted under its own name as an extra key rather than dropped.
public struct VerdictCounts: Sendable, Hashable, Codable {
    /// Answers with verdict `TP`.
    public var tp: Int
    /// Answers with verdict `SUSPICIOUS`.
    public var suspicious: Int
    /// Answers with verdict `FP`.
    public var fp: Int
    /// Parse failures (no verdict), the `null` column.
    public var unparsed: Int
    /// Answers with any other declared verdict, by verdict.
    public var other: [String: Int]

    /// Creates a row from counts.
    public init(tp: Int = 0, suspicious: Int = 0, fp: Int = 0, unparsed: Int = 0, other: [String: Int] = [:]) {
        self.tp = tp
        self.suspicious = suspicious
        self.fp = fp
        self.unparsed = unparsed
        self.other = other
    }

    /// The count for a verdict; nil reads the parse-failure column.
    public subscript(verdict: String?) -> Int {
        get {
            switch verdict {
            case nil: unparsed
            case "TP": tp
            case "SUSPICIOUS": suspicious
            case "FP": fp
            case let name?: other[name, default: 0]
            }
        }
        set {
            switch verdict {
            case nil: unparsed = newValue
            case "TP": tp = newValue
            case "SUSPICIOUS": suspicious = newValue
            case "FP": fp = newValue
            case let name?: other[name] = newValue
            }
        }
    }

    /// The JSON key of each fixed column.
    private static let fixedKeys: [String] = ["TP", "SUSPICIOUS", "FP", "null"]

    /// Decodes the four fixed columns (required) and any extra verdict keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: VerdictKey.self)
        tp = try container.decode(Int.self, forKey: VerdictKey("TP"))
        suspicious = try container.decode(Int.self, forKey: VerdictKey("SUSPICIOUS"))
        fp = try container.decode(Int.self, forKey: VerdictKey("FP"))
        unparsed = try container.decode(Int.self, forKey: VerdictKey("null"))
        other = [:]
        for key in container.allKeys where !Self.fixedKeys.contains(key.stringValue) {
            other[key.stringValue] = try container.decode(Int.self, forKey: key)
        }
    }

    /// Encodes the four fixed columns, then any extra verdicts sorted by name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: VerdictKey.self)
        try container.encode(tp, forKey: VerdictKey("TP"))
        try container.encode(suspicious, forKey: VerdictKey("SUSPICIOUS"))
        try container.encode(fp, forKey: VerdictKey("FP"))
        try container.encode(unparsed, forKey: VerdictKey("null"))
        for (name, count) in other.sorted(by: { $0.key < $1.key }) {
            try container.encode(count, forKey: VerdictKey(name))
        }
    }
}

/// A coding key named by a verdict.
private struct VerdictKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
