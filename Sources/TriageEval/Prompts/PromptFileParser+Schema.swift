internal import Yams

/// `output.schema:`: the answer's JSON schema, a file next to the prompt (`schema: v2.schema.json`) or an
/// inline mapping. Kept apart from the rest of `output:` so the output spec can change without touching it.
extension PromptFileParser {
    /// The schema of a prompt's `output:` block, or nil when it declares none, with the text of its file
    /// when it came from one (recorded with the prompt version). A schema on a `format: dissect` prompt is
    /// an error: a DISSECT answer is one line of text, never a JSON object.
    static func parseSchema(
        _ map: YAMLMapping, promptID: String, readSchema: (String) -> String?
    ) throws(InputError) -> (schema: ResponseSchema, fileText: String?)? {
        guard let output = try map.submapping("output"), let node = output.value("schema") else { return nil }
        if try output.string("format") == "dissect" {
            throw output.error("schema", "applies to format: json only; a DISSECT answer is one line of text, not a JSON object")
        }
        let name = ResponseSchema.name(forPromptID: promptID)
        switch node {
        case .scalar(let scalar):
            let path = scalar.string
            guard !path.isEmpty else { throw output.error("schema", "names no file") }
            guard let text = readSchema(path) else {
                throw output.error("schema", "cannot read the schema file \"\(path)\" (a path relative to the prompt file)")
            }
            guard let value = ResponseSchema.parse(json: text) else {
                throw output.error("schema", "the schema file \"\(path)\" is not one JSON object")
            }
            return (ResponseSchema(name: name, value: value), text)
        case .mapping:
            return (ResponseSchema(name: name, value: try schemaValue(node, output, path: "schema")), nil)
        case .sequence:
            throw output.error("schema", "expected a file name or a mapping (the JSON schema inline)")
        case .alias:
            throw output.error("schema", "YAML aliases are not supported here")
        }
    }

    /// A YAML node as JSON: mappings keep their order; scalars by their resolved tag (quoted text stays text).
    private static func schemaValue(_ node: Node, _ output: YAMLMapping, path: String) throws(InputError) -> OrderedJSON {
        switch node {
        case .mapping(let mapping):
            var members: [OrderedJSON.Member] = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { throw output.error(at: key, field: "output.\(path)", "a schema key must be text") }
                members.append(.init(name, try schemaValue(value, output, path: "\(path).\(name)")))
            }
            return .object(members)
        case .sequence(let sequence):
            var items: [OrderedJSON] = []
            for (index, item) in sequence.enumerated() { items.append(try schemaValue(item, output, path: "\(path)[\(index)]")) }
            return .array(items)
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.description) {
            case .null: return .null
            case .bool: return node.bool.map(OrderedJSON.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .number(String($0)) } ?? .string(scalar.string)
            case .float:
                guard let value = node.float, value.isFinite else {
                    throw output.error(at: node, field: "output.\(path)", "must be a finite number")
                }
                return .number(String(value))
            default: return .string(scalar.string)
            }
        case .alias:
            throw output.error(at: node, field: "output.\(path)", "YAML aliases are not supported here")
        }
    }
}
