public import EsqlEngine
/// Parses an answer exactly as production does: the rule's `DISSECT`, then `TO_DOUBLE` of the confidence.
///
/// - Empty or whitespace-only text: ``ParseStatus/empty``.
/// - `.dissect`: no match ⇒ ``ParseStatus/noMatch`` with every field nil.
/// - `.json`: the text must be what Python's `json.loads` accepts (``PythonJSON``: surrounding JSON
///   whitespace, `NaN`/`Infinity`, big ints, duplicate keys keep the last; no trailing commas, comments,
///   single quotes or prose) and an object, else ``ParseStatus/noMatch``; field names are exact (declared
///   fields are dotted paths of members); the verdict must be a JSON string (or have its declared type, then
///   be normalised and mapped); a numeric confidence a JSON number or a string (both converted by
///   ``EsqlDouble``, so `NaN` is an invalid confidence), a categorical one one of its values.
/// - A verdict matching no declared verdict under `spec.verdictCase`: ``ParseStatus/invalidVerdict``.
/// - A missing confidence, or one `TO_DOUBLE` makes null (or a category value not declared): ``ParseStatus/invalidConfidence``.
///   A prompt that declares no confidence parses `ok` on its verdict alone.
/// - Otherwise ``ParseStatus/ok`` with the canonical verdict, flagged ``ParseFlag/confidenceOutOfRange``
///   outside [0, 1]. Raw fields are kept on failures wherever they were extracted.
public struct StrictParser: Sendable {
    /// The output format parsed.
    public let spec: OutputSpec
    private let dissect: DissectPattern?
    /// ``OutputSpec/layer``, built once.
    private let layer: DeclaredOutput

    /// Throws when the pattern is invalid for Elasticsearch, uses reference keys (rejected by ES|QL),
    /// or lacks the verdict or confidence key.
    public init(spec: OutputSpec) throws(DissectPatternError) {
        self.spec = spec
        layer = spec.layer
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

    /// Parses one model answer: the format extracts the raw values, then ``OutputSpec/layer`` reads them.
    public func parse(_ text: String) -> ParsedAnswer {
        if text.isBlank { return .failure(.empty) }
        switch spec.format {
        case .dissect:
            guard let fields = dissect?.match(text) else { return .failure(.noMatch) }
            return layer.read({ fields[$0].map(JSONValue.string) }, spec: spec, mode: .strict, record: false)
        case .json:
            // What `PythonJSON.loads` accepts, read with numbers kept as written (reports show the model's text).
            guard let object = JSONValue.parseDocument(text, python: true), case .object = object else { return .failure(.noMatch) }
            if spec.declared != nil {
                return layer.read({ object.member(path: $0) }, spec: spec, mode: .strict, record: true)
            }
            return layer.read({ object.member($0) }, spec: spec, mode: .strict, record: false)
        }
    }
}
