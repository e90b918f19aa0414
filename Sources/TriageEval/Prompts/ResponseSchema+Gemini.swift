/// Gemini's and Vertex AI's `responseSchema` takes a subset of OpenAPI 3.0's schema object, not JSON Schema.
extension ResponseSchema {
    /// Keywords Gemini's `Schema` object has; a schema using any other keyword is refused at load
    /// (``geminiSchema()``), except the ones in ``geminiDropped``.
    static let geminiKeywords: Set<String> = [
        "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required",
        "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering",
        "default", "items", "minimum", "maximum",
    ]
    /// Keywords removed without loss of what the model is asked for: `additionalProperties: false` (a
    /// `responseSchema` answer holds only the declared properties anyway; any other value is refused),
    /// and the document annotations `$schema`, `$id`, `$comment`.
    static let geminiDropped: Set<String> = ["$schema", "$id", "$comment"]

    /// The schema in Gemini's `responseSchema` form: `type` in upper case (`OBJECT`), `type: [T, "null"]`
    /// as `type: T` with `nullable: true`, `additionalProperties: false` and annotations dropped, and
    /// `propertyOrdering` (the order Gemini writes properties in; Gemini 2.0 models need it) set to the
    /// properties' written order where the schema gives none. Any
    /// other JSON Schema keyword (`$ref`, `oneOf`, `const`, …) is an error naming it and its path:
    /// never silently lost.
    public func geminiSchema() throws(SchemaSubsetError) -> OrderedJSON {
        try Self.gemini(value, path: "schema")
    }

    private static func gemini(_ schema: OrderedJSON, path: String) throws(SchemaSubsetError) -> OrderedJSON {
        guard case .object(let members) = schema else { throw SchemaSubsetError(path: path, reason: "expected a schema object") }
        var out: [OrderedJSON.Member] = []
        for member in members {
            let here = "\(path).\(member.key)"
            switch member.key {
            case _ where geminiDropped.contains(member.key):
                continue
            case "additionalProperties":
                guard member.value == .bool(false) else {
                    throw SchemaSubsetError(path: here, reason: "Gemini's responseSchema has no additionalProperties; only `false` (the default there) can be dropped")
                }
            case "type":
                out += try geminiType(member.value, path: here)
            case "properties":
                guard case .object(let properties) = member.value else { throw SchemaSubsetError(path: here, reason: "expected an object") }
                var converted: [OrderedJSON.Member] = []
                for property in properties {
                    converted.append(.init(property.key, try gemini(property.value, path: "\(here).\(property.key)")))
                }
                out.append(.init("properties", .object(converted)))
                if !members.contains(where: { $0.key == "propertyOrdering" }) {
                    out.append(.init("propertyOrdering", .array(properties.map { .string($0.key) })))
                }
            case "items":
                out.append(.init("items", try gemini(member.value, path: here)))
            case "anyOf":
                guard case .array(let options) = member.value else { throw SchemaSubsetError(path: here, reason: "expected an array") }
                var converted: [OrderedJSON] = []
                for (index, option) in options.enumerated() { converted.append(try gemini(option, path: "\(here)[\(index)]")) }
                out.append(.init("anyOf", .array(converted)))
            case _ where geminiKeywords.contains(member.key):
                out.append(member)
            default:
                throw SchemaSubsetError(path: here, reason: "is not in the schema subset Gemini's responseSchema accepts")
            }
        }
        return .object(out)
    }

    /// `"string"` → `STRING`; `["string", "null"]` → `STRING` + `nullable: true`.
    private static func geminiType(_ type: OrderedJSON, path: String) throws(SchemaSubsetError) -> [OrderedJSON.Member] {
        switch type {
        case .string(let name):
            return [.init("type", .string(name.uppercased()))]
        case .array(let names):
            let texts = names.compactMap { if case .string(let text) = $0 { text } else { nil } }
            let nonNull = texts.filter { $0 != "null" }
            guard texts.count == names.count, nonNull.count == 1, texts.count <= 2 else {
                throw SchemaSubsetError(path: path, reason: "Gemini takes one type (optionally with \"null\"), got \(type.compactText)")
            }
            return [.init("type", .string(nonNull[0].uppercased()))] + (texts.count == 2 ? [.init("nullable", .bool(true))] : [])
        default:
            throw SchemaSubsetError(path: path, reason: "expected a type name")
        }
    }
}

/// A schema keyword a provider's schema subset does not take.
public struct SchemaSubsetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where, as `schema.properties.verdict.const`.
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
