import EsqlEngine
/// Best-effort parse: what the model meant, even where the production rule would drop the answer.
///
/// It looks for the answer in three places and keeps the first that parses `ok` (else the first
/// `invalid_confidence`, else the first `invalid_verdict`; `no_match` when none is found):
/// 1. the spec's `DISSECT` pattern on the whole text (dissect format);
/// 2. the first JSON object anywhere in the text (bare, in a code fence, in prose, or nested in another
///    object) that has the verdict field; field names compare case-insensitively;
/// 3. labeled values anywhere in the text: a label (the spec's key names for dissect, its field names for
///    json), in any case and not preceded by a letter or digit, then `=` or `:` with optional markup and
///    spaces around it (`verdict=TP`, `Verdict: TP`, `**Verdict:** **TP**`, `"verdict": "TP"`,
///    `VERDICT = <TP>`). Fields may be separated by spaces, commas or newlines, come in any order, follow
///    a preamble or sit inside code fences. The first valid verdict is used (an echoed template such as
///    `<TP|FP>` is skipped), and the first confidence that reads as a number; the summary runs to the end
///    of the text, a code fence, or the next line that starts with the verdict or confidence label.
///
/// Verdicts are trimmed of whitespace, markup (`* _ " ' `` ` `` < > [ ] ( ) { }`) and trailing
/// punctuation, then matched case-insensitively to the canonical declared spelling.
/// Confidences are trimmed likewise, then read by ``EsqlDouble``, or as a leading number followed by a
/// space or punctuation (`0.9 (high)`, `0.9,`), but not one glued to letters, digits, or to `,` `/` `-`
/// and a digit (`0,9`, `9/10`, `0-1` and `0.9.1` are invalid). `85%` and `85 %` give 0.85. A plain value
/// in (1, 100] is read as a percentage (`95` gives 0.95) and flagged ``ParseFlag/confidenceOutOfRange``,
/// as is any final value outside [0, 1].
/// Summaries are trimmed of whitespace and markup, and of one pair of angle brackets.
///
/// A prompt with declared fields (``OutputSpec/declared``) is read from the first JSON object anywhere in
/// the text that has the verdict's path (member names compared ignoring case), through the same layer as
/// the strict parse in its lenient mode (``DeclaredOutput/ReadMode/lenient``).
public struct LenientParser: Sendable {
    private struct RawFields {
        var verdict: String?
        var confidence: String?
        var summary: String?
    }

    /// The output format parsed.
    public let spec: OutputSpec
    private let dissect: DissectPattern?
    /// ``OutputSpec/layer``, built once.
    private let layer: DeclaredOutput
    private let verdictLabel: String
    private let confidenceLabel: String
    private let summaryLabel: String

    /// An invalid dissect pattern only disables the first candidate.
    public init(spec: OutputSpec) {
        self.spec = spec
        layer = spec.layer
        switch spec.format {
        case .dissect(let pattern, let appendSeparator):
            dissect = try? DissectPattern(pattern, appendSeparator: appendSeparator)
            (verdictLabel, confidenceLabel, summaryLabel) = (spec.verdictKey, spec.confidenceKey, spec.summaryKey)
        case .json(let verdictField, let confidenceField, let summaryField):
            dissect = nil
            (verdictLabel, confidenceLabel, summaryLabel) = (verdictField, confidenceField, summaryField)
        }
    }

    /// Parses one model answer.
    public func parse(_ text: String) -> ParsedAnswer {
        if text.isBlank { return .failure(.empty) }
        if spec.declared != nil {
            // Declared fields: the first object anywhere that has the verdict's path, read leniently.
            let path = layer.verdict.field
            guard let object = JSONValue.firstObject(in: text, where: { $0.member(path: path, ignoringCase: true) != nil }) else {
                return .failure(.noMatch)
            }
            return layer.read({ object.member(path: $0, ignoringCase: true) }, spec: spec, mode: .lenient, record: true)
        }
        var candidates: [RawFields] = []
        if let fields = dissect?.match(text) {
            candidates.append(RawFields(verdict: fields[spec.verdictKey], confidence: fields[spec.confidenceKey], summary: fields[spec.summaryKey]))
        }
        if let object = JSONValue.firstObject(in: text, where: { $0.member(verdictLabel, ignoringCase: true) != nil }) {
            candidates.append(RawFields(
                verdict: object.member(verdictLabel, ignoringCase: true)?.scalarText,
                confidence: object.member(confidenceLabel, ignoringCase: true)?.scalarText,
                summary: object.member(summaryLabel, ignoringCase: true)?.scalarText
            ))
        }
        if let labeled = labeledFields(in: text) { candidates.append(labeled) }

        let answers = candidates.map(evaluate)
        return answers.first { $0.status == .ok }
            ?? answers.first { $0.status == .invalidConfidence }
            ?? answers.first ?? .failure(.noMatch)
    }

    private func labeledFields(in text: String) -> RawFields? {
        let scanner = LabeledValueScanner(text)
        let verdicts = scanner.valueStarts(after: verdictLabel).compactMap(scanner.word(at:))
        guard let firstVerdict = verdicts.first else { return nil }
        let confidences = scanner.valueStarts(after: confidenceLabel).map(scanner.number(at:))
        return RawFields(
            verdict: verdicts.first { canonicalVerdict($0) != nil } ?? firstVerdict,
            confidence: confidences.first { Self.number($0) != nil } ?? confidences.first,
            summary: scanner.valueStarts(after: summaryLabel).first.map {
                scanner.rest(from: $0, stoppingAt: [verdictLabel, confidenceLabel])
            }
        )
    }

    /// Reads one candidate's raw texts through the spec's layer in its lenient mode.
    private func evaluate(_ fields: RawFields) -> ParsedAnswer {
        var values: [String: JSONValue] = [:]
        for (name, text) in [(layer.summary, fields.summary), (layer.confidence?.field, fields.confidence), (layer.verdict.field, fields.verdict)] {
            if let name, let text { values[name] = .string(text) }
        }
        return layer.read({ values[$0] }, spec: spec, mode: .lenient, record: false)
    }

    /// A confidence read leniently: a percentage or a plain value in (1, 100] is divided by 100, and flagged
    /// ``ParseFlag/confidenceOutOfRange`` as is any final value outside [0, 1].
    static func confidence(_ raw: String) -> (value: Double, flags: [ParseFlag])? {
        guard let number = number(raw) else { return nil }
        var confidence = number.percent ? number.value / 100 : number.value
        var flags: [ParseFlag] = []
        if !number.percent, confidence > 1, confidence <= 100 {
            confidence /= 100
            flags = [.confidenceOutOfRange]
        } else if !(0...1).contains(confidence) {
            flags = [.confidenceOutOfRange]
        }
        return (confidence, flags)
    }

    /// `raw` without surrounding whitespace, markup and trailing punctuation.
    static func trimmedWord(_ raw: String) -> String {
        raw.trimming { $0.properties.isWhitespace || "*_\"'`<>[](){}.,;:!".unicodeScalars.contains($0) }
    }

    /// The declared verdict `raw` stands for, ignoring case, whitespace, markup and punctuation.
    private func canonicalVerdict(_ raw: String) -> String? {
        Self.canonical(raw, among: spec.verdicts)
    }

    /// The candidate `raw` stands for, ignoring case, surrounding whitespace, markup and trailing punctuation.
    static func canonical(_ raw: String, among candidates: [String]) -> String? {
        let word = trimmedWord(raw).lowercased()
        return candidates.first { $0.lowercased() == word }
    }

    /// A summary without surrounding whitespace, markup (`* ` " '`) or angle brackets.
    static func cleanSummary(_ raw: String) -> String {
        let text = raw.trimming { $0.properties.isWhitespace || "*`\"'".unicodeScalars.contains($0) }
        guard text.count >= 2, text.hasPrefix("<"), text.hasSuffix(">") else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// A confidence read leniently, and whether it was written as a percentage.
    private static func number(_ raw: String) -> (value: Double, percent: Bool)? {
        var scalars = Array(raw.trimming { $0.properties.isWhitespace || "*_\"'`<>[](){}".unicodeScalars.contains($0) }.unicodeScalars)
        while let last = scalars.last, ",;:!.".unicodeScalars.contains(last) { scalars.removeLast() }
        if let value = EsqlDouble.parse(String(String.UnicodeScalarView(scalars))) { return (value, false) }
        // A leading number: sign, digits and dots, an optional exponent.
        var end = 0
        func skipDigits() {
            while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == "." { end += 1 }
        }
        if end < scalars.count, scalars[end] == "+" || scalars[end] == "-" { end += 1 }
        skipDigits()
        if end + 1 < scalars.count, scalars[end] == "e" || scalars[end] == "E" {
            let mantissaEnd = end
            end += 1
            if scalars[end] == "+" || scalars[end] == "-" { end += 1 }
            let exponentStart = end
            skipDigits()
            if end == exponentStart { end = mantissaEnd }
        }
        guard let value = EsqlDouble.parse(String(String.UnicodeScalarView(scalars[0..<end]))) else { return nil }
        var rest = scalars[end...].drop { $0 == " " }
        let percent = rest.first == "%"
        if percent { rest = rest.dropFirst() }
        guard let next = rest.first else { return (value, percent) }
        let glued = next.properties.isAlphabetic || ("0"..."9").contains(next)
            || (",/-".unicodeScalars.contains(next) && rest.dropFirst().first.map { ("0"..."9").contains($0) } == true)
        return glued ? nil : (value, percent)
    }
}
