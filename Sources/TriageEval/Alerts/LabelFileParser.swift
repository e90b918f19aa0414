internal import Yams

/// Reads a label file for `cases from-alerts`: a YAML mapping from an entity's name or id to `TP`/`FP`,
/// or to `{label: TP, scenario: LSASS, notes: "…"}`.
public enum LabelFileParser {
    public static func parse(_ text: String, file: String) throws(InputError) -> [String: CaseLabel] {
        guard let root = try YAMLMapping.compose(text, file: file) else { return [:] }
        let map = try YAMLMapping(root, file: file, path: "")
        var labels: [String: CaseLabel] = [:]
        for key in map.keys {
            if let text = try? map.string(key), let label = Label(rawValue: text) {
                labels[key] = CaseLabel(label: label)
                continue
            }
            guard let entry = try map.submapping(key) else { throw map.error(key, "must be TP, FP or {label: TP|FP, scenario: …, notes: …}") }
            try entry.checkKeys(["label", "scenario", "notes"])
            let text = try entry.requiredString("label")
            guard let label = Label(rawValue: text) else { throw entry.error("label", "must be TP or FP, got \"\(text)\"") }
            labels[key] = CaseLabel(label: label, scenario: try entry.string("scenario"), notes: try entry.string("notes"))
        }
        return labels
    }
}
