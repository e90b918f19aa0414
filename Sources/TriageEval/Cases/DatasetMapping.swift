internal import Yams

/// Where a dataset line (NDJSON/JSONL, one case per line) holds its case: the id, the label and the values
/// that mean TP, FP or "not labeled yet", the scenario, and the document.
///
/// Field paths are dotted and match nested objects and literal dotted keys alike (`event.id` names
/// `{"event":{"id":…}}` and `{"event.id":…}`), as a rule's columns do. Label values are compared as text
/// (a JSON number by its digits, `true`/`false`, `null`), ignoring letter case. Without `document_field`
/// the whole line is the document, less its label and scenario fields (the model never sees the label).
public struct DatasetMapping: Sendable, Codable, Hashable {
    public var idField: String
    public var labelField: String
    public var tpValues: [String]
    public var fpValues: [String]
    /// Label values that make a draft (skipped until labeled, and named), e.g. `null`, `unknown`.
    public var skipValues: [String]
    /// The scenario's field; nil: every case's scenario is the dataset file's name without extension.
    public var scenarioField: String?
    /// The document's field (a `_source` object or a search hit); nil: the whole line.
    public var documentField: String?
    /// The index documents live in unless a hit names its `_index`.
    public var index: String?

    public init(
        idField: String, labelField: String, tpValues: [String] = ["TP"], fpValues: [String] = ["FP"], skipValues: [String] = [],
        scenarioField: String? = nil, documentField: String? = nil, index: String? = nil
    ) {
        self.idField = idField
        self.labelField = labelField
        self.tpValues = tpValues
        self.fpValues = fpValues
        self.skipValues = skipValues
        self.scenarioField = scenarioField
        self.documentField = documentField
        self.index = index
    }

    /// What a label value means.
    public enum Meaning: Sendable, Equatable {
        case label(Label)
        case draft
    }

    /// The meaning of a label value's text, or nil when the mapping does not name it.
    func meaning(of value: String) -> Meaning? {
        let key = value.lowercased()
        if tpValues.contains(where: { $0.lowercased() == key }) { return .label(.tp) }
        if fpValues.contains(where: { $0.lowercased() == key }) { return .label(.fp) }
        if skipValues.contains(where: { $0.lowercased() == key }) { return .draft }
        return nil
    }

    /// The first problem of the mapping itself, as (field, message): an empty path, no TP or FP value,
    /// a value given two meanings.
    public var problem: (field: String, message: String)? {
        for (field, path) in [("id_field", idField), ("label_field", labelField), ("scenario_field", scenarioField ?? "x"), ("document_field", documentField ?? "x")]
        where path.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            return (field, "must be a dotted field path, got \"\(path)\"")
        }
        if tpValues.isEmpty { return ("tp_values", "must name at least one value") }
        if fpValues.isEmpty { return ("fp_values", "must name at least one value") }
        var seen: [String: String] = [:]
        for (field, values) in [("tp_values", tpValues), ("fp_values", fpValues), ("skip_values", skipValues)] {
            for value in values {
                if let other = seen[value.lowercased()] {
                    return (field, "\"\(value)\" is also in \(other)")
                }
                seen[value.lowercased()] = field
            }
        }
        return nil
    }

    static let keys: Set<String> = ["id_field", "label_field", "tp_values", "fp_values", "skip_values", "scenario_field", "document_field", "index"]

    /// Reads a mapping file (YAML, keys as the `cases import` flags: `id_field`, `label_field`, `tp_values`, …);
    /// errors name the file, line and key. A `null` among the values is the value `null`.
    public static func parseYAML(_ text: String, file: String) throws(InputError) -> DatasetMapping {
        guard let root = try YAMLMapping.compose(text, file: file) else { throw InputError(file: file, message: "the mapping file is empty") }
        let map = try YAMLMapping(root, file: file, path: "")
        try map.checkKeys(keys)
        func values(_ key: String, default fallback: [String]) throws(InputError) -> [String] {
            guard let node = map.values[key] else { return fallback }
            let items: [Node] = if case .sequence(let sequence) = node { Array(sequence) } else { [node] }
            var result: [String] = []
            for (offset, item) in items.enumerated() {
                guard case .scalar(let scalar) = item else { throw map.error(at: item, field: "\(key)[\(offset)]", "expected a value") }
                result.append(item.null != nil ? "null" : scalar.string)
            }
            return result
        }
        let mapping = DatasetMapping(
            idField: try map.requiredString("id_field"), labelField: try map.requiredString("label_field"),
            tpValues: try values("tp_values", default: ["TP"]), fpValues: try values("fp_values", default: ["FP"]),
            skipValues: try values("skip_values", default: []), scenarioField: try map.string("scenario_field"),
            documentField: try map.string("document_field"), index: try map.string("index")
        )
        if let problem = mapping.problem { throw map.error(problem.field, problem.message) }
        return mapping
    }
}
