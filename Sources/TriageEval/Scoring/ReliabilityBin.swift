/// One row of the reliability table: the answers whose p_malicious fell in `[lower, upper)`
/// (the last bin is closed at 1.0), how confident they were on average and how often they were right.
public struct ReliabilityBin: Sendable, Hashable, Codable {
    /// The number of equal-width bins in every reliability table.
    public static let numberOfBins = 10

    /// Bin index, 0 ..< ``numberOfBins``.
    public var bin: Int
    /// The lower edge `Double(bin) / 10`, inclusive.
    public var lower: Double
    /// The upper edge `Double(bin + 1) / 10`, exclusive except for the last bin.
    public var upper: Double
    /// How many answers fell in the bin.
    public var count: Int
    /// Mean p_malicious in the bin, nil when the bin is empty.
    public var meanPredicted: Double?
    /// Fraction of the bin's answers labeled TP, nil when the bin is empty.
    public var observedFrequency: Double?

    /// Creates a bin from already computed values.
    public init(bin: Int, lower: Double, upper: Double, count: Int, meanPredicted: Double?, observedFrequency: Double?) {
        self.bin = bin
        self.lower = lower
        self.upper = upper
        self.count = count
        self.meanPredicted = meanPredicted
        self.observedFrequency = observedFrequency
    }

    /// The edge `Double(k) / 10`, for k in 0 ... ``numberOfBins``.
    public static func edge(_ k: Int) -> Double {
        Double(k) / Double(numberOfBins)
    }

    /// The bin a probability in [0, 1] falls in: the largest k with `p >= edge(k)`, capped at the last bin.
    ///
    /// Compares with the edges rather than computing `Int(p * 10)`, which misplaces values such as
    /// 0.3 (`0.3 * 10 == 2.9999999999999996`).
    public static func index(of p: Double) -> Int {
        var k = 0
        while k + 1 < numberOfBins && p >= edge(k + 1) {
            k += 1
        }
        return k
    }

    enum CodingKeys: String, CodingKey {
        case bin, lower, upper, count
        case meanPredicted = "mean_predicted"
        case observedFrequency = "observed_frequency"
    }

    /// Encodes every key; the means of an empty bin as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bin, forKey: .bin)
        try container.encode(lower, forKey: .lower)
        try container.encode(upper, forKey: .upper)
        try container.encode(count, forKey: .count)
        try container.encodeOrNull(meanPredicted, forKey: .meanPredicted)
        try container.encodeOrNull(observedFrequency, forKey: .observedFrequency)
    }
}
