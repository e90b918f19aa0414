/// The fields extracted from one model answer by a parser, and how the parse went.
public struct ParsedAnswer: Sendable, Codable, Hashable {
    /// Outcome of the parse.
    public var status: ParseStatus
    /// The verdict exactly as extracted (byte-exact, untrimmed), or nil.
    public var rawVerdict: String?
    /// The canonical declared verdict (e.g. `TP`) the raw verdict stands for, when valid.
    public var verdict: String?
    /// The confidence text exactly as extracted, or nil.
    public var rawConfidence: String?
    /// The confidence as ES|QL `TO_DOUBLE` converts it (strict) or best effort (lenient), or nil.
    public var confidence: Double?
    /// The summary text, or nil.
    public var summary: String?
    /// Remarks on an otherwise successful parse.
    public var flags: [ParseFlag]
    /// A categorical confidence's level (normalised, e.g. `high`), when valid; nil for a numeric confidence.
    public var confidenceLevel: String?
    /// For a prompt with declared fields: each field found with its declared type, by path, as normalised
    /// text (a number as written, a boolean as `true`/`false`); nil for a DISSECT or older JSON prompt.
    public var fields: [String: String]?

    public init(
        status: ParseStatus,
        rawVerdict: String? = nil,
        verdict: String? = nil,
        rawConfidence: String? = nil,
        confidence: Double? = nil,
        summary: String? = nil,
        flags: [ParseFlag] = [],
        confidenceLevel: String? = nil,
        fields: [String: String]? = nil
    ) {
        self.status = status
        self.rawVerdict = rawVerdict
        self.verdict = verdict
        self.rawConfidence = rawConfidence
        self.confidence = confidence
        self.summary = summary
        self.flags = flags
        self.confidenceLevel = confidenceLevel
        self.fields = fields
    }

    /// A failed parse with every field null.
    public static func failure(_ status: ParseStatus) -> ParsedAnswer {
        ParsedAnswer(status: status)
    }
}
