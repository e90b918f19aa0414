import Testing
@testable import TriageEval

@Suite("Prompt files: system and user parts")
struct PromptRolesTests {
    static func prompt(body: String) -> String {
        "---\nid: p\nversion: v1\nentity: host\noutput:\n  format: json\n---\n" + body
    }

    static let item = TriageCase(
        id: "c1", label: .tp, scenario: "s", entity: Entity(type: .host, name: "WS-01"), alertCount: 2, timeWindowMinutes: 5,
        maxRiskScore: 73, rules: ["Rule A"], commandLines: ["cmd /c whoami"]
    )

    @Test("a body opening with --- system --- has a system part up to --- user ---; both render")
    func twoParts() throws {
        let text = Self.prompt(body: "--- system ---\nYou triage {{entity_type}} alerts.\nAnswer in JSON.\n--- user ---\nHost {{host_name}} ran {{cmdlines_str}}\n")
        let prompt = try PromptFileParser.parse(text, file: "p.prompt", defaults: AlertPolicy())
        #expect(prompt.systemTemplate == "You triage {{entity_type}} alerts.\nAnswer in JSON.")
        #expect(prompt.template == "Host {{host_name}} ran {{cmdlines_str}}")
        #expect(prompt.variables == ["entity_type", "host_name", "cmdlines_str"])
        let context = CaseContext(Self.item)
        #expect(try prompt.renderSystem(context) == "You triage host alerts.\nAnswer in JSON.")
        #expect(try prompt.render(context) == "Host WS-01 ran cmd /c whoami")
    }

    @Test("a body without markers is the user part alone, as before")
    func userOnly() throws {
        let prompt = try PromptFileParser.parse(Self.prompt(body: "Host {{host_name}}\n"), file: "p.prompt", defaults: AlertPolicy())
        #expect(prompt.systemTemplate == nil)
        #expect(try prompt.renderSystem(CaseContext(Self.item)) == nil)
        #expect(try prompt.render(CaseContext(Self.item)) == "Host WS-01")
    }

    @Test("malformed parts are errors naming the file line")
    func errors() throws {
        let cases: [(body: String, line: Int, message: String)] = [
            ("--- system ---\nS\n", 8, "needs exactly one `--- user ---`"),
            ("--- system ---\nS\n--- user ---\nU\n--- user ---\nV", 8, "needs exactly one"),
            ("U\n--- system ---\nS", 9, "must be the first line"),
            ("U\n--- user ---\nS", 9, "must be the first line"),
            ("--- system ---\n\n--- user ---\nU", 8, "the system part is empty"),
            ("--- system ---\nS\n--- user ---\n\n", 10, "the user part after"),
            ("--- system ---\nS\n--- system ---\n--- user ---\nU", 10, "a second `--- system ---`"),
            ("--- system ---\nS {{hostname}}\n--- user ---\nU", 9, "did you mean host_name?"),
        ]
        for entry in cases {
            let error = try #require(throws: InputError.self) { try PromptFileParser.parse(Self.prompt(body: entry.body), file: "p.prompt", defaults: AlertPolicy()) }
            #expect(error.file == "p.prompt")
            #expect(error.line == entry.line, "\(entry.body)")
            #expect(error.message.contains(entry.message), "\(error.message)")
        }
    }

    @Test("a one-prompt-string model refuses a system part, naming prompt and model; chat models take it")
    func sendable() throws {
        let prompt = try PromptFileParser.parse(Self.prompt(body: "--- system ---\nS\n--- user ---\nU"), file: "prompts/p/v1.prompt", defaults: AlertPolicy())
        for kind in [ProviderKind.esqlCompletion, .elasticInference] {
            let error = try #require(throws: InputError.self) { try prompt.checkSendable(to: ModelConfig(id: "es", provider: kind)) }
            #expect(error.file == "prompts/p/v1.prompt")
            #expect(error.message.contains("p@v1") && error.message.contains("model es (\(kind.rawValue))"), "\(error.message)")
        }
        for kind in ProviderKind.allCases where !kind.takesOnePromptString {
            try prompt.checkSendable(to: ModelConfig(id: "m", provider: kind))
        }
        let plain = try PromptFileParser.parse(Self.prompt(body: "U"), file: "p.prompt", defaults: AlertPolicy())
        try plain.checkSendable(to: ModelConfig(id: "es", provider: .esqlCompletion))
    }
}
