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

    public init(
        status: ParseStatus,
        rawVerdict: String? = nil,
        verdict: String? = nil,
        rawConfidence: String? = nil,
        confidence: Double? = nil,
        summary: String? = nil,
        flags: [ParseFlag] = []
    ) {
        self.status = status
        self.rawVerdict = rawVerdict
        self.verdict = verdict
        self.rawConfidence = rawConfidence
        self.confidence = confidence
        self.summary = summary
        self.flags = flags
    }

    /// A failed parse with every field null.
    public static func failure(_ status: ParseStatus) -> ParsedAnswer {
        ParsedAnswer(status: status)
    }
}
