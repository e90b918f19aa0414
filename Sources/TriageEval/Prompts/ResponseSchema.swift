/// The JSON schema a prompt declares for its answer (`output.schema:`), sent by models set to use the
/// provider's structured outputs (`structured_output: true`).
///
/// The schema is kept as written (members in order); ``text`` is its compact JSON, which the cache key
/// includes and the store records with the prompt version.
public struct ResponseSchema: Sendable, Hashable {
    /// The name providers require (OpenAI `json_schema.name`, the Anthropic and Bedrock tool name): the
    /// prompt id with every character outside `[A-Za-z0-9_-]` replaced by `_`, at most 64 characters.
    public let name: String
    /// The schema, a JSON object.
    public let value: OrderedJSON
    /// Compact JSON of ``value``, members in written order.
    public let text: String

    init(name: String, value: OrderedJSON) {
        self.name = name
        self.value = value
        self.text = value.compactText
    }

    /// The schema name for a prompt id (`^[a-zA-Z0-9_-]{1,64}$`, as OpenAI and Anthropic require).
    static func name(forPromptID id: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        let name = String(id.map { allowed.contains($0) ? $0 : "_" }.prefix(64))
        return name.isEmpty ? "answer" : name
    }

    /// Reads a schema file's JSON text; nil when it is not one JSON object.
    static func parse(json text: String) -> OrderedJSON? {
        guard let value = OrderedJSON.parse(text), case .object = value else { return nil }
        return value
    }
}

/// A JSON value with object members in written order: a schema, or a tool call's input read from a
/// provider's response. Providers encode it into request bodies (`Encodable`).
public indirect enum OrderedJSON: Sendable, Hashable, Encodable {
    case string(String)
    /// A number as written (`0`, `0.5`, `1e3`).
    case number(String)
    case bool(Bool)
    case null
    case array([OrderedJSON])
    case object([Member])

    /// One object member.
    public struct Member: Sendable, Hashable {
        public let key: String
        public let value: OrderedJSON
        public init(_ key: String, _ value: OrderedJSON) {
            self.key = key
            self.value = value
        }
    }

    init(_ json: JSONValue) {
        switch json {
        case .string(let text): self = .string(text)
        case .number(let text): self = .number(text)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .null
        case .array(let items): self = .array(items.map(OrderedJSON.init))
        case .object(let members): self = .object(members.map { Member($0.key, OrderedJSON($0.value)) })
        }
    }

    var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .number(let text): .number(text)
        case .bool(let flag): .bool(flag)
        case .null: .null
        case .array(let items): .array(items.map(\.json))
        case .object(let members): .object(members.map { (key: $0.key, value: $0.value.json) })
        }
    }

    /// Compact JSON text, members in order, numbers as written.
    public var compactText: String { json.compactText }

    /// Parses one JSON document (RFC 8259); nil when `text` is not one.
    public static func parse(_ text: String) -> OrderedJSON? {
        JSONValue.parseDocument(text).map(OrderedJSON.init)
    }

    /// The items of an array; empty otherwise.
    public var items: [OrderedJSON] {
        if case .array(let items) = self { return items }
        return []
    }

    /// The text of a string value; nil otherwise.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The member named `key` of an object (the last one, as JSON readers keep); nil otherwise.
    public func member(_ key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// Numbers are encoded as integers when they are written as one, else as doubles.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .number(let text):
            var container = encoder.singleValueContainer()
            if let integer = Int(text) { try container.encode(integer) } else { try container.encode(Double(text) ?? 0) }
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let members):
            var container = encoder.container(keyedBy: AnyKey.self)
            for member in members { try container.encode(member.value, forKey: AnyKey(member.key)) }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        init(_ key: String) { stringValue = key }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
