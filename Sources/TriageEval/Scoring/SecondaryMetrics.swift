/// A secondary categorical output (a `threat_level`, a priority) scored against the cases' expected values:
/// per-class precision and recall, macro F1 and the confusion matrix.
///
/// Scored: answered results whose case gives an expected value for the output's case field. An answer
/// without the field (a parse failure, a missing or undeclared value) is predicted as ``missing``: it counts
/// against the expected class's recall and no class's precision. Precision, recall and F1 of a class are nil
/// (n/a) where their denominator is 0; macro F1 averages the F1 of every class that occurs as expected or
/// predicted, an undefined F1 counting 0 (scikit-learn's `zero_division=0`); nil with no scored answer.
public struct SecondaryMetrics: Sendable, Hashable, Codable {
    /// The prediction of an answer that has no value for the field.
    public static let missing = "(missing)"

    /// One class's figures.
    public struct ClassMetrics: Sendable, Hashable, Codable {
        public var value: String
        /// Answers expected to be this class.
        public var support: Int
        /// Answers predicting this class.
        public var predicted: Int
        /// Answers predicting it rightly.
        public var correct: Int
        public var precision: Double?
        public var recall: Double?
        public var f1: Double?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(value, forKey: .value)
            try container.encode(support, forKey: .support)
            try container.encode(predicted, forKey: .predicted)
            try container.encode(correct, forKey: .correct)
            try container.encodeOrNull(precision, forKey: .precision)
            try container.encodeOrNull(recall, forKey: .recall)
            try container.encodeOrNull(f1, forKey: .f1)
        }
    }

    /// The answer's field (a declared path).
    public var field: String
    /// The case's `expected:` key.
    public var caseField: String
    /// Scored answers.
    public var n: Int
    /// Answers predicting their expected value.
    public var correct: Int
    /// The classes: the declared values, then any other expected value, in that order.
    public var classes: [ClassMetrics]
    public var macroF1: Double?
    /// Counts by expected value (rows, ``classes`` order) and predicted value (columns: ``classes`` order,
    /// then ``missing``).
    public var confusion: [[Int]]

    /// Scores `(expected, predicted)` pairs; `declared` lists the field's values in order.
    public init(field: String, caseField: String, declared: [String], pairs: [(expected: String, predicted: String?)]) {
        self.field = field
        self.caseField = caseField
        var values = declared
        for pair in pairs where !values.contains(pair.expected) { values.append(pair.expected) }
        n = pairs.count
        correct = pairs.count { $0.predicted == $0.expected }
        let columns = values + [Self.missing]
        let column: (String?) -> String = { predicted in predicted.flatMap { values.contains($0) ? $0 : nil } ?? Self.missing }
        confusion = values.map { expected in
            columns.map { name in pairs.count { $0.expected == expected && column($0.predicted) == name } }
        }
        classes = values.map { value in
            let support = pairs.count { $0.expected == value }
            let predicted = pairs.count { $0.predicted == value }
            let correct = pairs.count { $0.expected == value && $0.predicted == value }
            let precision = predicted == 0 ? nil : Double(correct) / Double(predicted)
            let recall = support == 0 ? nil : Double(correct) / Double(support)
            var f1: Double?
            if let precision, let recall { f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
            return ClassMetrics(value: value, support: support, predicted: predicted, correct: correct, precision: precision, recall: recall, f1: f1)
        }
        let occurring = classes.filter { $0.support > 0 || $0.predicted > 0 }
        macroF1 = occurring.isEmpty ? nil : occurring.reduce(0.0) { $0 + ($1.f1 ?? 0) } / Double(occurring.count)
    }

    enum CodingKeys: String, CodingKey {
        case field
        case caseField = "case_field"
        case n, correct, classes
        case macroF1 = "macro_f1"
        case confusion
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(caseField, forKey: .caseField)
        try container.encode(n, forKey: .n)
        try container.encode(correct, forKey: .correct)
        try container.encode(classes, forKey: .classes)
        try container.encodeOrNull(macroF1, forKey: .macroF1)
        try container.encode(confusion, forKey: .confusion)
    }
}
