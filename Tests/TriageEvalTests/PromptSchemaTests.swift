import Testing
@testable import TriageEval

@Suite("Prompt files: output.schema (structured outputs)")
struct PromptSchemaTests {
    static func prompt(output: String, id: String = "alert-analyzer") -> String {
        "---\nid: \(id)\nversion: v2\nentity: host\noutput:\n\(output)---\nHost {{host_name}}\n"
    }

    static let json = "  format: json\n"

    @Test("an inline mapping is the schema, members in written order, YAML scalars typed as JSON")
    func inline() throws {
        let text = Self.prompt(output: Self.json + """
              schema:
                type: object
                properties:
                  verdict: {type: string, enum: [TP, FP]}
                  confidence: {type: number, minimum: 0, maximum: 1.5}
                  "true": {type: ["string", "null"]}
                required: [verdict, confidence]
                additionalProperties: false

            """)
        let prompt = try PromptFileParser.parse(text, file: "p.prompt", defaults: AlertPolicy())
        let schema = try #require(prompt.schema)
        #expect(schema.text == #"{"type":"object","properties":{"verdict":{"type":"string","enum":["TP","FP"]},"confidence":{"type":"number","minimum":0,"maximum":1.5},"true":{"type":["string","null"]}},"required":["verdict","confidence"],"additionalProperties":false}"#)
        #expect(schema.name == "alert-analyzer")
        #expect(prompt.schemaFileText == nil)
        #expect(prompt.sha256 == SHA256Hex.of(text))
    }

    @Test("a file name is read relative to the prompt; its text is recorded and changes the version's hash")
    func file() throws {
        let schemaText = #"{"type": "object", "properties": {"classification": {"type": "string"}}, "required": ["classification"], "additionalProperties": false}"#
        var asked: [String] = []
        let text = Self.prompt(output: Self.json + "  schema: v2.schema.json\n", id: "study prompt/2")
        let prompt = try PromptFileParser.parse(text, file: "p.prompt", defaults: AlertPolicy()) { path in
            asked.append(path)
            return schemaText
        }
        #expect(asked == ["v2.schema.json"])
        #expect(prompt.schema?.text == #"{"type":"object","properties":{"classification":{"type":"string"}},"required":["classification"],"additionalProperties":false}"#)
        #expect(prompt.schema?.name == "study_prompt_2")
        #expect(prompt.schemaFileText == schemaText)
        #expect(prompt.sha256 != SHA256Hex.of(text))
        let edited = try PromptFileParser.parse(text, file: "p.prompt", defaults: AlertPolicy()) { _ in schemaText + " " }
        #expect(edited.sha256 != prompt.sha256)
    }

    @Test("the stored parser reads the recorded schema text, not the file")
    func stored() throws {
        let text = Self.prompt(output: Self.json + "  schema: gone.json\n")
        let prompt = try StoredPromptParser.parse(
            text: text, file: "p.prompt", id: "alert-analyzer", version: "v2", kind: .template, defaults: AlertPolicy(), schemaText: #"{"type":"object"}"#
        )
        #expect(prompt.schema?.text == #"{"type":"object"}"#)
    }

    @Test("bad schemas are errors naming the file and the field")
    func errors() throws {
        let cases: [(output: String, read: String?, message: String)] = [
            ("  format: dissect\n  pattern: 'verdict=%{verdict} confidence=%{confidence}'\n  schema: {type: object}\n", nil,
             "p.prompt:8:"),
            ("  format: dissect\n  pattern: 'verdict=%{verdict} confidence=%{confidence}'\n  schema: {type: object}\n", nil,
             "output.schema: applies to format: json only"),
            (Self.json + "  schema: missing.json\n", nil, "p.prompt:7:"),
            (Self.json + "  schema: missing.json\n", nil, "output.schema: cannot read the schema file \"missing.json\" (a path relative to the prompt file)"),
            (Self.json + "  schema: s.json\n", "[1, 2]", "output.schema: the schema file \"s.json\" is not one JSON object"),
            (Self.json + "  schema: s.json\n", "{\"type\": \"object\",}", "is not one JSON object"),
            (Self.json + "  schema: [a, b]\n", nil, "output.schema: expected a file name or a mapping"),
        ]
        for entry in cases {
            #expect {
                _ = try PromptFileParser.parse(Self.prompt(output: entry.output), file: "p.prompt", defaults: AlertPolicy()) { _ in entry.read }
            } throws: { error in
                "\(error)".contains(entry.message)
            }
        }
    }

    @Test("Gemini's subset: upper-case types, [T, null] as nullable, additionalProperties false and $schema dropped, propertyOrdering as written")
    func geminiSubset() throws {
        let value = try #require(ResponseSchema.parse(json: """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "additionalProperties": false,
             "properties": {"verdict": {"type": "string", "enum": ["TP", "FP"]}, "note": {"type": ["string", "null"]},
                            "tags": {"type": "array", "items": {"type": "string"}}},
             "required": ["verdict"]}
            """))
        let schema = ResponseSchema(name: "p", value: value)
        #expect(try schema.geminiSchema().compactText == #"{"type":"OBJECT","properties":{"verdict":{"type":"STRING","enum":["TP","FP"]},"note":{"type":"STRING","nullable":true},"tags":{"type":"ARRAY","items":{"type":"STRING"}}},"propertyOrdering":["verdict","note","tags"],"required":["verdict"]}"#)
    }

    @Test("Gemini's subset: keywords it lacks are refused with their path, never silently dropped")
    func geminiRefusals() throws {
        let cases: [(String, String)] = [
            (#"{"type": "object", "properties": {"v": {"const": "TP"}}}"#, "schema.properties.v.const"),
            (##"{"type": "object", "properties": {"v": {"$ref": "#/$defs/v"}}}"##, "schema.properties.v.$ref"),
            (#"{"type": "object", "additionalProperties": {"type": "string"}}"#, "schema.additionalProperties"),
            (#"{"type": ["string", "number"]}"#, "schema.type"),
            (#"{"oneOf": [{"type": "string"}]}"#, "schema.oneOf"),
        ]
        for (json, path) in cases {
            let schema = ResponseSchema(name: "p", value: try #require(ResponseSchema.parse(json: json)))
            #expect(throws: SchemaSubsetError.self) { _ = try schema.geminiSchema() }
            do { _ = try schema.geminiSchema() } catch { #expect(error.path == path, "\(json)") }
        }
    }

    @Test("a Gemini model with structured_output refuses an out-of-subset schema at load, naming the prompt file and field")
    func geminiAtLoad() throws {
        let text = Self.prompt(output: Self.json + "  schema: {type: object, properties: {v: {const: TP}}}\n")
        let prompt = try PromptFileParser.parse(text, file: "p.prompt", defaults: AlertPolicy())
        var gemini = ModelConfig(id: "g", provider: .gemini, model: "gemini-2.5-flash")
        try prompt.checkSendable(to: gemini)  // structured_output not set: nothing is sent, nothing to refuse
        gemini.structuredOutput = true
        #expect {
            try prompt.checkSendable(to: gemini)
        } throws: { error in
            "\(error)".hasPrefix("p.prompt: output.schema.properties.v.const: is not in the schema subset") && "\(error)".contains("model g (gemini)")
        }
        var anthropic = ModelConfig(id: "a", provider: .anthropic, model: "claude")
        anthropic.structuredOutput = true
        try prompt.checkSendable(to: anthropic)  // a tool's input_schema takes any keyword
        var openai = ModelConfig(id: "o", provider: .openai, model: "gpt-4.1")
        openai.structuredOutput = true
        #expect(prompt.schema(sentBy: openai) == prompt.schema)
        #expect(prompt.schema(sentBy: ModelConfig(id: "o2", provider: .openai, model: "gpt-4.1")) == nil)
    }

    @Test("structured_output: accepted for chat providers, refused at load for one-prompt-string and offline models")
    func config() throws {
        func parse(_ model: String) throws -> TriageConfig {
            try ConfigParser.parse("models:\n  - " + model + "\n", file: "triage-eval.yaml")
        }
        let chat = try parse("{id: o, provider: openai, model: gpt-4.1, structured_output: true, api: responses}")
        #expect(chat.models[0].sendsSchema)
        #expect(chat.models[0].options["api"] == "responses")
        #expect(try parse("{id: o, provider: openai, model: gpt-4.1}").models[0].structuredOutput == nil)
        for provider in ["esql-completion", "elastic-inference", "heuristic"] {
            #expect {
                _ = try parse("{id: e, provider: \(provider), base_url: 'http://localhost:9200', inference_id: x, structured_output: true}")
            } throws: { error in
                "\(error)".contains("models[0].structured_output: model \"e\": provider \(provider) cannot send a JSON schema")
            }
        }
        #expect(try parse("{id: e, provider: esql-completion, structured_output: false}").models[0].sendsSchema == false)
    }

    @Test("OpenAI strict mode and an object root are checked at load, for the providers that need them")
    func strictAtLoad() throws {
        func check(_ schema: String, _ provider: ProviderKind) throws {
            let prompt = try PromptFileParser.parse(Self.prompt(output: Self.json + "  schema: \(schema)\n"), file: "p.prompt", defaults: AlertPolicy())
            var model = ModelConfig(id: "m", provider: provider, model: "x")
            model.structuredOutput = true
            try prompt.checkSendable(to: model)
        }
        let strict = "{type: object, properties: {v: {type: object, properties: {w: {type: string}}, required: [w], additionalProperties: false}}, required: [v], additionalProperties: false}"
        try check(strict, .openai)
        try check(strict, .azureOpenAI)
        let cases: [(String, ProviderKind, String)] = [
            ("{type: object, properties: {v: {type: string}}, required: [v]}", .openai, "p.prompt: output.schema.additionalProperties: OpenAI strict mode requires additionalProperties: false"),
            ("{type: object, properties: {v: {type: string}, w: {type: string}}, required: [v], additionalProperties: false}", .azureOpenAI,
             "p.prompt: output.schema.required: OpenAI strict mode requires every property in required; \"w\" is not"),
            ("{type: object, properties: {v: {type: object, properties: {}}}, required: [v], additionalProperties: false}", .openai,
             "output.schema.properties.v.additionalProperties"),
            ("{type: array, items: {type: string}}", .anthropic, "p.prompt: output.schema.type: must be \"object\""),
            ("{type: string}", .bedrock, "output.schema.type: must be \"object\""),
        ]
        for (schema, provider, message) in cases {
            #expect { try check(schema, provider) } throws: { "\($0)".hasPrefix(message) || "\($0)".contains(message) }
        }
        try check("{type: object, properties: {v: {type: string}}}", .ollama)  // Ollama takes any object schema
    }
}
