/// The answer format a prompt declares, from its front matter's `output:` block.
public struct OutputSpec: Sendable, Codable, Hashable {
    /// How the answer is laid out.
    public enum Format: Sendable, Codable, Hashable {
        /// A single line parsed with an Elasticsearch `DISSECT` pattern.
        case dissect(pattern: String, appendSeparator: String)
        /// A JSON object with the three named fields.
        case json(verdictField: String, confidenceField: String, summaryField: String)
    }

    public var format: Format
    /// The verdicts the prompt allows, in their canonical spelling (e.g. `[TP, FP, SUSPICIOUS]`).
    public var verdicts: [String]
    /// How an extracted verdict is compared with the declared ones.
    public var verdictCase: VerdictCase

    /// The key names the parser reads the three fields from.
    public var verdictKey: String
    public var confidenceKey: String
    public var summaryKey: String
    /// The typed fields a JSON prompt declares (`output.fields` with `type:` entries); nil for a DISSECT prompt
    /// or a JSON prompt in the older key-rename form, which get ``layer`` implicitly.
    public var declared: DeclaredOutput?

    public init(
        format: Format,
        verdicts: [String] = ["TP", "FP", "SUSPICIOUS"],
        verdictCase: VerdictCase = .ignore,
        verdictKey: String = "verdict",
        confidenceKey: String = "confidence",
        summaryKey: String = "summary",
        declared: DeclaredOutput? = nil
    ) {
        self.format = format
        self.verdicts = verdicts
        self.verdictCase = verdictCase
        self.verdictKey = verdictKey
        self.confidenceKey = confidenceKey
        self.summaryKey = summaryKey
        self.declared = declared
    }

    /// The declared-fields layer every answer is read through: ``declared``, or for a DISSECT prompt (and an
    /// older JSON one) three string fields named by the keys (a JSON format's own field names), the verdict mapped by identity onto
    /// ``verdicts`` under ``verdictCase``, the confidence read by `TO_DOUBLE`.
    public var layer: DeclaredOutput {
        if let declared { return declared }
        var names = (verdict: verdictKey, confidence: confidenceKey, summary: summaryKey)
        if case .json(let verdict, let confidence, let summary) = format { names = (verdict, confidence, summary) }
        return DeclaredOutput(
            fields: [names.verdict, names.confidence, names.summary].map { DeclaredField(path: $0, type: .string) },
            verdict: VerdictRule(field: names.verdict),
            confidence: ConfidenceRule(field: names.confidence),
            summary: names.summary
        )
    }

    /// The production format of Elastic's LLM triage rules.
    public static let esqlTriage = OutputSpec(
        format: .dissect(pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}", appendSeparator: "")
    )
}
