/// Reads a dataset: NDJSON/JSONL with one case per line, placed by a ``DatasetMapping``. Each line becomes a
/// case whose `documents:` is that line's one document.
///
/// Errors name the file, the line and the field: a line that is not a JSON object, without the id, with an
/// invalid or duplicate id, without the label, or with a label value the mapping does not name. A label value
/// in `skip_values` makes a draft (named, like `label: null` entries of a case file).
public enum DatasetParser {
    public static func read(_ text: String, file: String, mapping: DatasetMapping) throws(InputError) -> CaseFileParser.Contents {
        var contents = CaseFileParser.Contents(cases: [], drafts: [])
        var seen: [String: Int] = [:]
        let fileName = String(file.split(separator: "/").last ?? Substring(file))
        let defaultScenario = fileName.split(separator: ".").first.map(String.init) ?? fileName
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            let trimmed = String(rawLine).trimmingWhitespace()
            if trimmed.isEmpty { continue }
            guard let value = JSONValue.parseDocument(trimmed), case .object = value else {
                throw InputError(file: file, line: line, message: "expected one JSON object per line (one case)")
            }
            func error(_ field: String, _ message: String) -> InputError {
                InputError(file: file, line: line, field: field, message: message)
            }
            func text(_ path: String, _ role: String) throws(InputError) -> String {
                guard let found = value.value(atPath: path) else { throw error(path, "is missing (the \(role)_field)") }
                if case .null = found { return "null" }
                guard let text = found.scalarText else { throw error(path, "the \(role) must be one value, not an array or object") }
                return text
            }
            let id = try text(mapping.idField, "id")
            guard !id.isEmpty, CaseFileParser.isValidID(id) else {
                throw error(mapping.idField, "the id must contain only letters, digits, '-', '_' or '.', got \"\(id)\"")
            }
            let labelText = try text(mapping.labelField, "label")
            guard let meaning = mapping.meaning(of: labelText) else {
                let known = "tp_values: \(mapping.tpValues.joined(separator: ", ")); fp_values: \(mapping.fpValues.joined(separator: ", "))"
                    + (mapping.skipValues.isEmpty ? "" : "; skip_values: \(mapping.skipValues.joined(separator: ", "))")
                throw error(mapping.labelField, "label value \"\(labelText)\" is not in the mapping (\(known))")
            }
            guard case .label(let label) = meaning else {
                contents.drafts.append(id)
                continue
            }
            let scenario = try mapping.scenarioField.map { path throws(InputError) in try text(path, "scenario") } ?? defaultScenario
            if let first = seen[id] {
                throw error(mapping.idField, "duplicate id \"\(id)\" (first defined on line \(first))")
            }
            seen[id] = line
            var whole = value.removing(path: mapping.labelField)
            if let path = mapping.scenarioField { whole = whole.removing(path: path) }
            let source: JSONValue
            if let path = mapping.documentField {
                guard let found = whole.value(atPath: path), case .object = found else { throw error(path, "is missing or not an object (the document_field)") }
                source = found
            } else {
                source = whole
            }
            // The one problem a document can have here is a missing index.
            let document = try CaseDocumentsParser.document(source, ordinal: 1, caseID: id, index: mapping.index) { _ throws(InputError) in
                error(mapping.documentField ?? "document", "has no index: give the mapping an `index`, or give search hits with `_index`")
            }
            var item = TriageCase(id: id, label: label, scenario: scenario)
            item.documents = [document]
            contents.cases.append(item)
        }
        return contents
    }
}
