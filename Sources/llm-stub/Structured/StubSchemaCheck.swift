/// Checks a structured-output schema in a request as each provider does, with the provider's own error text
/// where it is known, so a malformed request gets the 400 the provider would send.
enum StubSchemaCheck {
    /// OpenAI strict mode (Chat `response_format` and Responses `text.format`): a name matching
    /// `^[a-zA-Z0-9_-]{1,64}$`, a root object schema, and every object with `additionalProperties: false` and
    /// every property in `required`.
    static func openAIStrict(name: Any?, schema: Any?, strict: Any?, field: String) throws(StubFailure) -> String {
        guard let name = name as? String, !name.isEmpty, name.count <= 64,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else {
            throw .badRequest("Invalid '\(field).name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.")
        }
        guard let schema = schema as? [String: Any] else {
            throw .badRequest("Missing required parameter: '\(field).schema'.")
        }
        guard strict as? Bool == true else { return name }
        guard schema["type"] as? String == "object" else {
            throw .badRequest("Invalid schema for response_format '\(name)': schema must be a JSON Schema of 'type: \"object\"', got 'type: \"\(schema["type"] ?? "None")\"'.")
        }
        try strictObjects(schema, name: name, context: [])
        return name
    }

    private static func strictObjects(_ schema: [String: Any], name: String, context: [String]) throws(StubFailure) {
        let where_ = "In context=(\(context.map { "'\($0)'" }.joined(separator: ", ")))"
        if schema["type"] as? String == "object" || schema["properties"] != nil {
            guard schema["additionalProperties"] as? Bool == false else {
                throw .badRequest("Invalid schema for response_format '\(name)': \(where_), 'additionalProperties' is required to be supplied and to be false.")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            let required = Set(schema["required"] as? [String] ?? [])
            if let missing = properties.keys.sorted().first(where: { !required.contains($0) }) {
                throw .badRequest("Invalid schema for response_format '\(name)': \(where_), 'required' is required to be supplied and to be an array including every key in properties. Missing '\(missing)'.")
            }
            for key in properties.keys.sorted() {
                if let property = properties[key] as? [String: Any] {
                    try strictObjects(property, name: name, context: context + ["properties", key])
                }
            }
        }
        if let items = schema["items"] as? [String: Any] {
            try strictObjects(items, name: name, context: context + ["items"])
        }
    }

    /// Gemini's `responseSchema` (an OpenAPI subset): an unknown keyword is refused as the API's proto-JSON
    /// reader does; `responseMimeType` must be `application/json`.
    static func gemini(_ config: [String: Any]) throws(StubFailure) -> Bool {
        guard let schema = config["responseSchema"] ?? config["response_schema"] else { return false }
        let mime = config["responseMimeType"] ?? config["response_mime_type"]
        guard mime as? String == "application/json" else {
            throw .badRequest("* GenerationConfig.response_schema: only supported with response_mime_type: application/json")
        }
        try geminiKeywords(schema, path: "generation_config.response_schema")
        return true
    }

    static let geminiKeywords: Set<String> = [
        "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required",
        "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering",
        "default", "items", "minimum", "maximum",
    ]

    private static func geminiKeywords(_ schema: Any, path: String) throws(StubFailure) {
        guard let schema = schema as? [String: Any] else { throw .badRequest("Invalid JSON payload received. Expected an object at '\(path)'.") }
        for key in schema.keys.sorted() where !geminiKeywords.contains(key) {
            throw .badRequest("Invalid JSON payload received. Unknown name \"\(key)\" at '\(path)': Cannot find field.")
        }
        if let properties = schema["properties"] as? [String: Any] {
            for key in properties.keys.sorted() { try geminiKeywords(properties[key] as Any, path: "\(path).properties[\(key)].value") }
        }
        if let items = schema["items"] { try geminiKeywords(items, path: "\(path).items") }
        if let options = schema["anyOf"] as? [Any] {
            for (index, option) in options.enumerated() { try geminiKeywords(option, path: "\(path).any_of[\(index)]") }
        }
    }
}
