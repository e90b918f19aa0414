internal import Yams

/// Reads a case's documents: inline (`documents:`, a YAML list of `_source` objects or hits) or from
/// NDJSON text (`documents_file:`, one `_source` document or search hit per line).
///
/// A hit (`{"_index": …, "_id": …, "_source": {…}}`) gives its own index and id; a bare document lives
/// in the case's `index:`. Key order is kept as written; nested objects and dotted keys are both allowed.
/// A document in the stored form `cases export` writes (exactly `id`, `index` and `source`, the `_source` as
/// JSON text) is read back as that document.
public enum CaseDocumentsParser {
    /// Documents from NDJSON text. `file` names the file in errors; `caseID` names ids of documents without `_id`.
    public static func parseNDJSON(_ text: String, file: String, caseID: String, index: String?) throws(InputError) -> [CaseDocument] {
        var documents: [CaseDocument] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty { continue }
            guard let value = JSONValue.parseDocument(trimmed), case .object = value else {
                throw InputError(file: file, line: offset + 1, message: "expected one JSON object per line (a document or a search hit)")
            }
            documents.append(try document(value, ordinal: documents.count + 1, caseID: caseID, index: index) { message throws(InputError) in
                InputError(file: file, line: offset + 1, message: message)
            })
        }
        return documents
    }

    /// Documents from a case's inline `documents:` list.
    static func parseYAML(_ nodes: [Node], file: String, path: String, caseID: String, index: String?) throws(InputError) -> [CaseDocument] {
        var documents: [CaseDocument] = []
        for (offset, node) in nodes.enumerated() {
            guard node.mapping != nil else {
                throw InputError(file: file, line: node.mark?.line, field: "\(path)[\(offset)]", message: "expected a mapping (a document or a search hit)")
            }
            let value = json(node)
            documents.append(try document(value, ordinal: offset + 1, caseID: caseID, index: index) { message throws(InputError) in
                InputError(file: file, line: node.mark?.line, field: "\(path)[\(offset)]", message: message)
            })
        }
        return documents
    }

    static func document(
        _ value: JSONValue, ordinal: Int, caseID: String, index: String?, error: (String) throws(InputError) -> InputError
    ) throws(InputError) -> CaseDocument {
        // The stored form `cases export` writes (`{"id":…,"index":…,"source":"<the _source as JSON text>"}`) reads back as itself.
        if case .object(let members) = value, Set(members.map(\.key)) == ["id", "index", "source"], members.count == 3,
            case .string(let id)? = value.member("id"), case .string(let storedIndex)? = value.member("index"),
            case .string(let text)? = value.member("source"), let stored = JSONValue.parseDocument(text), case .object = stored {
            return CaseDocument(index: storedIndex, id: id, source: stored.compactText)
        }
        var source = value
        var documentIndex = index
        var id = "\(caseID)-\(ordinal)"
        if case .object(let hit)? = value.member("_source") {
            source = .object(hit)
            if case .string(let name)? = value.member("_index") { documentIndex = name }
            if let text = value.member("_id")?.scalarText { id = text }
        }
        guard let documentIndex else { throw try error("has no index: give the case an `index:` or the hit an `_index`") }
        return CaseDocument(index: documentIndex, id: id, source: source.compactText)
    }

    /// A YAML node as JSON: plain scalars typed as YAML resolves them (null, bool, int, float), quoted ones strings.
    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { return .string(scalar.string) }
            if node.null != nil { return .null }
            if let flag = node.bool { return .bool(flag) }
            if node.int != nil || node.float != nil, Double(scalar.string) != nil { return .number(scalar.string) }
            return .string(scalar.string)
        case .mapping(let mapping):
            return .object(mapping.map { (key: $0.key.string ?? "\($0.key)", value: json($0.value)) })
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .alias:
            return .null
        }
    }
}
