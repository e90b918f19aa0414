public import EsqlEngine
/// Parses an answer exactly as production does: the rule's `DISSECT`, then `TO_DOUBLE` of the confidence.
///
/// - Empty or whitespace-only text: ``ParseStatus/empty``.
/// - `.dissect`: no match ⇒ ``ParseStatus/noMatch`` with every field nil.
/// - `.json`: the text must be what Python's `json.loads` accepts (``PythonJSON``: surrounding JSON
///   whitespace, `NaN`/`Infinity`, big ints, duplicate keys keep the last; no trailing commas, comments,
///   single quotes or prose) and an object, else ``ParseStatus/noMatch``; field names are exact; the verdict
///   must be a JSON string; the confidence a JSON number or a string (both converted by ``EsqlDouble``,
///   so `NaN` is an invalid confidence).
/// - A verdict matching no declared verdict under `spec.verdictCase`: ``ParseStatus/invalidVerdict``.
/// - A missing confidence, or one `TO_DOUBLE` makes null: ``ParseStatus/invalidConfidence``.
/// - Otherwise ``ParseStatus/ok`` with the canonical verdict, flagged ``ParseFlag/confidenceOutOfRange``
///   outside [0, 1]. Raw fields are kept on failures wherever they were extracted.
public struct StrictParser: Sendable {
    /// The output format parsed.
    public let spec: OutputSpec
    private let dissect: DissectPattern?

    /// Throws when the pattern is invalid for Elasticsearch, uses reference keys (rejected by ES|QL),
    /// or lacks the verdict or confidence key.
    public init(spec: OutputSpec) throws(DissectPatternError) {
        self.spec = spec
        switch spec.format {
        case .dissect(let pattern, let appendSeparator):
            let dissect = try DissectPattern(pattern, appendSeparator: appendSeparator)
            if let reference = dissect.referenceKeys.first {
                throw DissectPatternError(pattern: pattern, reason: "ES|QL does not support reference keys (%{*\(reference)})")
            }
            for key in [spec.verdictKey, spec.confidenceKey] where !dissect.outputKeys.contains(key) {
                throw DissectPatternError(pattern: pattern, reason: "the pattern has no key %{\(key)}")
            }
            self.dissect = dissect
        case .json:
            dissect = nil
        }
    }

    /// Parses one model answer.
    public func parse(_ text: String) -> ParsedAnswer {
        if text.isBlank { return .failure(.empty) }
        switch spec.format {
        case .dissect:
            guard let fields = dissect?.match(text) else { return .failure(.noMatch) }
            return decide(verdict: fields[spec.verdictKey], confidence: fields[spec.confidenceKey], summary: fields[spec.summaryKey])
        case .json(let verdictField, let confidenceField, let summaryField):
            // What `PythonJSON.loads` accepts, read with numbers kept as written (reports show the model's text).
            guard let object = JSONValue.parseDocument(text, python: true), case .object = object else { return .failure(.noMatch) }
            let verdict = object.member(verdictField)
            var rawVerdict: String?
            if case .string(let text) = verdict { rawVerdict = text }
            let answer = decide(
                verdict: rawVerdict,
                confidence: object.member(confidenceField)?.scalarText,
                summary: object.member(summaryField)?.scalarText
            )
            guard rawVerdict == nil, let other = verdict?.scalarText else { return answer }
            // A verdict that is not a JSON string is invalid; keep its text for the report.
            return ParsedAnswer(status: .invalidVerdict, rawVerdict: other, rawConfidence: answer.rawConfidence, summary: answer.summary)
        }
    }

    /// Validates the extracted fields as the rule's `WHERE` sees them.
    private func decide(verdict rawVerdict: String?, confidence rawConfidence: String?, summary: String?) -> ParsedAnswer {
        guard let rawVerdict, let verdict = spec.verdicts.first(where: { spec.verdictCase.matches(rawVerdict, $0) }) else {
            return ParsedAnswer(status: .invalidVerdict, rawVerdict: rawVerdict, rawConfidence: rawConfidence, summary: summary)
        }
        guard let rawConfidence, let confidence = EsqlDouble.parse(rawConfidence) else {
            return ParsedAnswer(status: .invalidConfidence, rawVerdict: rawVerdict, verdict: verdict, rawConfidence: rawConfidence, summary: summary)
        }
        return ParsedAnswer(
            status: .ok,
            rawVerdict: rawVerdict,
            verdict: verdict,
            rawConfidence: rawConfidence,
            confidence: confidence,
            summary: summary,
            flags: (0...1).contains(confidence) ? [] : [.confidenceOutOfRange]
        )
    }
}
