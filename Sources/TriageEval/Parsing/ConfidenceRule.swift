/// Which field carries the confidence: a number, or a category whose levels may map to numbers
/// (`confidence: {field: confidence, levels: {high: 0.9, medium: 0.6, low: 0.3}}`).
public struct ConfidenceRule: Sendable, Codable, Hashable {
    /// The declared field (a path) holding the confidence.
    public var field: String
    /// For a category: each level (normalised value) and the number it stands for, in declared order.
    /// Empty for a number field, or for a category scored per level only (no ECE, Brier or sweep).
    public var levels: [Level]

    /// A categorical confidence level and its probability.
    public struct Level: Sendable, Codable, Hashable {
        public var value: String
        public var probability: Double

        public init(value: String, probability: Double) {
            self.value = value
            self.probability = probability
        }
    }

    public init(field: String, levels: [Level] = []) {
        self.field = field
        self.levels = levels
    }
}
