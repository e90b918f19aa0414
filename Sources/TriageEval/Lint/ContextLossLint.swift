public import EsqlEngine

/// Computes a ``ContextLoss`` for a template prompt over a case with documents, by rendering it with its
/// `{{#python}}` sections traced (``PythonTrace``) and looking for each evidence value in the rendered text.
public enum ContextLossLint {
    /// The document fields whose values are evidence an analyst needs in the prompt: command lines and paths.
    public static let evidenceFields = [
        "process.command_line", "process.parent.command_line", "file.path", "dll.path", "registry.path",
    ]

    /// The lint for `prompt` over `item`; nil for an imported rule (it renders rows, not documents) or a
    /// case without documents. A render that fails throws, as the render itself does.
    public static func check(_ prompt: PromptVersion, _ item: TriageCase) throws(EsqlError) -> ContextLoss? {
        guard let documents = item.documents, !documents.isEmpty,
            let rendered = try prompt.renderTraced(CaseContext(item))
        else { return nil }
        let text = (rendered.system ?? "") + "\n" + rendered.user
        var seenKeys: Set<String> = []
        var nullFields: [ContextLoss.NullField] = []
        for miss in rendered.trace.misses where seenKeys.insert(miss.key).inserted {
            nullFields.append(ContextLoss.NullField(key: miss.key, nestedValue: miss.nested.map(PythonText.str)))
        }
        let cuts = rendered.trace.cuts
        var evidence: [ContextLoss.Evidence] = []
        var seenValues: Set<String> = []
        for document in documents {
            guard let source = JSONValue.parseDocument(document.source) else { continue }
            for field in evidenceFields {
                for value in strings(source.value(atPath: field)) where !value.isEmpty && seenValues.insert(value).inserted {
                    evidence.append(ContextLoss.Evidence(field: field, value: value, fate: fate(of: value, in: text, cuts: cuts)))
                }
            }
        }
        return ContextLoss(nullFields: nullFields, evidence: evidence, cuts: cuts.count)
    }

    /// The lint of `prompt` over every case it judges that has documents; nil for an imported rule. A case
    /// the prompt fails to render is left out (the run records that failure as an error result).
    public static func summarize(_ prompt: PromptVersion, over cases: [TriageCase]) -> ContextLossSummary? {
        guard prompt.rule == nil else { return nil }
        var checked: [(caseID: String, loss: ContextLoss)] = []
        for item in cases where prompt.accepts(item) {
            if let loss = try? check(prompt, item) { checked.append((item.id, loss)) }
        }
        return ContextLossSummary(prompt: prompt.key, cases: checked)
    }

    /// The strings of a field's value (one, or each of a multi-valued field's).
    private static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?: [text]
        case .array(let items)?: items.flatMap { strings($0) }
        default: []
        }
    }

    /// The spellings a value has in a prompt: as is, and as `json.dumps` writes it inside quotes (ASCII-escaped or not).
    static func spellings(of value: String) -> [String] {
        let escaped = [PythonJSONDumps(), PythonJSONDumps(ensureASCII: false)].map { String($0(.str(value)).dropFirst().dropLast()) }
        var result = [value]
        for spelling in escaped where !result.contains(spelling) { result.append(spelling) }
        return result
    }

    static func fate(of value: String, in text: String, cuts: [PythonTrace.Cut]) -> ContextLoss.Fate {
        let forms = spellings(of: value)
        if forms.contains(where: { text.contains($0) }) { return .shown }
        for cut in cuts {
            switch cut {
            case .text(let full):
                if forms.contains(where: { full.contains($0) }) { return .cut }
            case .items(let dropped):
                if dropped.contains(where: { holds($0, value) }) { return .cut }
            }
        }
        return .absent
    }

    /// Whether a string anywhere in `item` contains `value`.
    private static func holds(_ item: PythonValue, _ value: String) -> Bool {
        switch item {
        case .str(let text): text.contains(value)
        case .list(let items): items.contains { holds($0, value) }
        case .dict(let dict): dict.items.contains { $0.key.contains(value) || holds($0.value, value) }
        default: false
        }
    }
}
