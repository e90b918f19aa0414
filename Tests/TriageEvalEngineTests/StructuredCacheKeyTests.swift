import Testing
@testable import TriageEval
@testable import TriageEvalEngine

@Suite("CacheKey: a schema sent with structured outputs")
struct StructuredCacheKeyTests {
    static let model = ModelConfig(id: "gpt", provider: .openai, model: "gpt-4.1", baseURL: "https://api.example.com/v1")
    static let prompt = "Host WS-1 ran: certutil.exe -urlcache. Answer with one JSON object."

    static func schema(_ json: String, name: String = "analyzer") throws -> ResponseSchema {
        ResponseSchema(name: name, value: try #require(ResponseSchema.parse(json: json)))
    }

    @Test("no schema keeps the key a request without one always had; a schema, its text and its name change it")
    func schemaInKey() throws {
        let plain = CacheKey.make(model: Self.model, prompt: Self.prompt, sample: 0)
        #expect(CacheKey.make(model: Self.model, prompt: Self.prompt, schema: nil, sample: 0) == plain)
        let a = try Self.schema(#"{"type": "object"}"#)
        let withA = CacheKey.make(model: Self.model, prompt: Self.prompt, schema: a, sample: 0)
        #expect(withA != plain)
        #expect(CacheKey.make(model: Self.model, prompt: Self.prompt, schema: try Self.schema(#"{"type":"object"}"#), sample: 0) == withA)
        #expect(CacheKey.make(model: Self.model, prompt: Self.prompt, schema: try Self.schema(#"{"type": "array"}"#), sample: 0) != withA)
        #expect(CacheKey.make(model: Self.model, prompt: Self.prompt, schema: try Self.schema(#"{"type": "object"}"#, name: "other"), sample: 0) != withA)
    }

    @Test("a model sends the prompt's schema only with structured_output: true; resume refuses a changed setting")
    func sentBy() throws {
        var structured = Self.model
        structured.structuredOutput = true
        #expect(ModelConfigChange.changes(from: Self.model, to: structured) == ["structured_output unset → \"true\""])
        var explicitFalse = Self.model
        explicitFalse.structuredOutput = false
        #expect(ModelConfigChange.changes(from: Self.model, to: explicitFalse).isEmpty)
    }
}
