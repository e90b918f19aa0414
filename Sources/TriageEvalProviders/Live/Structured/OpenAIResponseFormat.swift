import TriageEval

/// OpenAI Chat Completions structured outputs (also Azure OpenAI and compatible servers):
/// `response_format: {"type": "json_schema", "json_schema": {"name", "strict": true, "schema"}}`.
struct OpenAIResponseFormat: Encodable {
    struct JSONSchema: Encodable {
        let name: String
        let strict: Bool
        let schema: OrderedJSON
    }

    let type: String
    let jsonSchema: JSONSchema

    enum CodingKeys: String, CodingKey {
        case type
        case jsonSchema = "json_schema"
    }

    /// The format for a request's schema; nil when it carries none.
    init?(_ schema: ResponseSchema?) {
        guard let schema else { return nil }
        type = "json_schema"
        jsonSchema = JSONSchema(name: schema.name, strict: true, schema: schema.value)
    }
}
