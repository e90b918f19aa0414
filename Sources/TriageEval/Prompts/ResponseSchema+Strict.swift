/// What the providers require of a schema before they take it, checked when a run loads rather than met as a
/// 400 on every call.
extension ResponseSchema {
    /// Every provider takes an object at the root (OpenAI's `json_schema`, Anthropic's `input_schema`, Bedrock's
    /// `inputSchema.json` all require `"type": "object"`).
    public func checkObjectRoot() throws(SchemaSubsetError) {
        guard value.member("type") == .string("object") else {
            throw SchemaSubsetError(path: "schema.type", reason: "must be \"object\": the providers' structured outputs take an object at the root")
        }
    }

    /// OpenAI strict mode (sent as `strict: true` by the Chat and Responses shapes): every object schema has
    /// `additionalProperties: false` and lists every property in `required`.
    public func checkOpenAIStrict() throws(SchemaSubsetError) {
        try Self.strict(value, path: "schema")
    }

    private static func strict(_ schema: OrderedJSON, path: String) throws(SchemaSubsetError) {
        guard case .object = schema else { return }
        let properties: [OrderedJSON.Member]
        if case .object(let members)? = schema.member("properties") { properties = members } else { properties = [] }
        if schema.member("type") == .string("object") || schema.member("properties") != nil {
            guard schema.member("additionalProperties") == .bool(false) else {
                throw SchemaSubsetError(path: "\(path).additionalProperties", reason: "OpenAI strict mode requires additionalProperties: false on every object")
            }
            let required = Set(schema.member("required")?.items.compactMap(\.string) ?? [])
            if let missing = properties.first(where: { !required.contains($0.key) }) {
                throw SchemaSubsetError(path: "\(path).required", reason: "OpenAI strict mode requires every property in required; \"\(missing.key)\" is not")
            }
        }
        for property in properties { try strict(property.value, path: "\(path).properties.\(property.key)") }
        if let items = schema.member("items") { try strict(items, path: "\(path).items") }
        for (index, option) in (schema.member("anyOf")?.items ?? []).enumerated() { try strict(option, path: "\(path).anyOf[\(index)]") }
    }
}
