import EsqlEngine

extension DeclaredOutput {
    /// How values are read: as production reads them, or best effort.
    enum ReadMode {
        /// Declared types hold exactly; a string or category value is normalised as declared, then matched exactly.
        case strict
        /// Also: values trimmed of markup and punctuation and matched ignoring case (a declared category or map
        /// key may be the first word: `TP (True Positive)`), booleans written as strings, numbers read by
        /// ``LenientParser`` (`85%`, `0.9 (high)`). ``LenientParser`` reads every candidate of a DISSECT or
        /// older JSON prompt this way.
        case lenient
    }

    /// Reads an answer through the layer. `lookup` gives the raw value at a declared path (nil: absent);
    /// `record` keeps the declared fields in ``ParsedAnswer/fields``.
    ///
    /// The verdict field must be present with its type and map onto a declared verdict, else
    /// ``ParseStatus/invalidVerdict``; a declared confidence must read as a number (`TO_DOUBLE` of its text)
    /// or as one of its category's values, else ``ParseStatus/invalidConfidence``. Raw texts are kept on failures.
    func read(
        _ lookup: (String) -> JSONValue?, spec: OutputSpec, mode: ReadMode, record: Bool
    ) -> ParsedAnswer {
        let summary = summary.flatMap { lookup($0)?.scalarText }.map { mode == .lenient ? LenientParser.cleanSummary($0) : $0 }
        let fields = record ? recordedFields(lookup, mode: mode) : nil
        let rawVerdictValue = lookup(verdict.field)
        let rawConfidence = confidence.flatMap { lookup($0.field)?.scalarText }
        var answer = ParsedAnswer(status: .invalidVerdict, rawVerdict: rawVerdictValue?.scalarText, rawConfidence: rawConfidence, summary: summary, fields: fields)
        guard let rawVerdictValue, let key = value(rawVerdictValue, of: field(verdict.field), mode: mode),
              let canonical = canonicalVerdict(key, spec: spec, mode: mode)
        else { return answer }
        answer.verdict = canonical
        guard let confidence else {
            answer.status = .ok
            return answer
        }
        answer.status = .invalidConfidence
        guard let raw = lookup(confidence.field) else { return answer }
        if let declared = field(confidence.field), declared.type == .category {
            guard let level = value(raw, of: declared, mode: mode) else { return answer }
            if confidence.levels.isEmpty {
                answer.confidenceLevel = level
            } else {
                guard let match = confidence.levels.first(where: { $0.value == level }) else { return answer }
                answer.confidenceLevel = level
                answer.confidence = match.probability
            }
            answer.status = .ok
            return answer
        }
        guard let text = raw.scalarText else { return answer }
        let number: Double
        var flags: [ParseFlag] = []
        switch mode {
        case .strict:
            guard let value = EsqlDouble.parse(text) else { return answer }
            number = value
            if !(0...1).contains(number) { flags = [.confidenceOutOfRange] }
        case .lenient:
            guard let reading = LenientParser.confidence(text) else { return answer }
            (number, flags) = reading
        }
        answer.status = .ok
        answer.confidence = number
        answer.flags = flags
        return answer
    }

    /// The declared fields found with their type, as normalised text.
    private func recordedFields(_ lookup: (String) -> JSONValue?, mode: ReadMode) -> [String: String] {
        var result: [String: String] = [:]
        for declared in fields {
            if let raw = lookup(declared.path), let text = value(raw, of: declared, mode: mode) { result[declared.path] = text }
        }
        return result
    }

    /// A raw value as its declared field reads it: normalised text for a string or category (a category
    /// value must be one of its values), `true`/`false` for a boolean, the number's text for a number;
    /// nil when the type does not hold. An undeclared field (the implicit layer's) is read as a JSON string.
    func value(_ raw: JSONValue, of declared: DeclaredField?, mode: ReadMode) -> String? {
        guard let declared else {
            if case .string(let text) = raw { return text }
            return nil
        }
        switch (declared.type, raw, mode) {
        case (.string, .string(let text), _):
            return declared.normalized(mode == .lenient ? LenientParser.cleanSummary(text) : text)
        case (.category, .string(let text), .strict):
            let value = declared.normalized(text)
            return declared.values.contains(value) ? value : nil
        case (.category, .string(let text), .lenient):
            return Self.lenientMatch(text, among: declared.values)
        case (.boolean, .bool(let flag), _):
            return flag ? "true" : "false"
        case (.boolean, .string(let text), .lenient):
            return Self.lenientMatch(text, among: ["true", "false"])
        case (.number, .number(let text), _), (.number, .string(let text), .strict):
            return EsqlDouble.parse(text) == nil ? nil : text
        case (.number, .string(let text), .lenient):
            return LenientParser.confidence(text).map { "\($0.value)" }
        default:
            return nil
        }
    }

    /// The declared verdict a field value stands for: through the map, or by identity under `verdict_case`.
    private func canonicalVerdict(_ key: String, spec: OutputSpec, mode: ReadMode) -> String? {
        if verdict.map.isEmpty {
            switch mode {
            case .strict: return spec.verdicts.first { spec.verdictCase.matches(key, $0) }
            // The identity (DISSECT and older JSON prompts): the whole value, as the lenient parse always read it.
            case .lenient: return LenientParser.canonical(key, among: spec.verdicts)
            }
        }
        switch mode {
        case .strict:
            return verdict.map.first { $0.value == key }?.verdict
        case .lenient:
            return Self.lenientMatch(key, among: verdict.map.map(\.value)).flatMap { value in verdict.map.first { $0.value == value }?.verdict }
        }
    }

    /// The candidate `text` stands for, ignoring case, surrounding whitespace, markup and punctuation; else the
    /// one its first word stands for (`TP (True Positive)`, `High - likely malicious`).
    static func lenientMatch(_ text: String, among candidates: [String]) -> String? {
        if let match = LenientParser.canonical(text, among: candidates) { return match }
        let word = LenientParser.trimmedWord(text).lowercased()
        let first = String(word.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        guard !first.isEmpty else { return nil }
        return candidates.first { $0.lowercased() == first }
    }
}
