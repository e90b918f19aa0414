import Foundation
import Testing
@testable import TriageEval
import EsqlEngine
import StubTestSupport

/// Test rules whose ES|QL fails only on some cases (render) or some answers (tail), so the import check on
/// their sample case and sample answers passes (`Tests/Fixtures/rules/failing/`).
enum FailingRules {
    static let renderFails = "rules/failing/render-fails.toml"
    static let tailFails = "rules/failing/tail-fails.toml"

    static func prompt(_ fixture: String) throws -> PromptVersion {
        let text = String(decoding: try TestFixtures.data(fixture), as: UTF8.self)
        return try RulePromptParser.parse(text, file: fixture, id: "failing", version: "v1", defaults: AlertPolicy())
    }

    static let host = TriageCase(
        id: "host-01", label: .tp, scenario: "test", entity: Entity(type: .host, name: "WS-1", id: "h1"),
        alertCount: 3, timeWindowMinutes: 2, maxRiskScore: 50, rules: ["A", "B", "C"]
    )
}

@Suite("Run semantics: core")
struct RunSemanticsCoreTests {
    @Test("A9: a rule whose ES|QL fails on a case throws when rendering (never an empty prompt) and still plans the case")
    func ruleRenderFailureThrows() throws {
        let prompt = try FailingRules.prompt(FailingRules.renderFails)
        #expect(prompt.accepts(FailingRules.host))
        let thrown = #expect(throws: EsqlError.self) { try prompt.render(CaseContext(FailingRules.host)) }
        #expect(thrown?.message.contains("is not a datetime") == true)
    }

    @Test("A9: a rule tail that fails on an answer is an error result with the message, not \"no alert\"")
    func ruleTailFailureIsAnError() throws {
        let prompt = try FailingRules.prompt(FailingRules.tailFails)
        let evaluator = try AnswerEvaluator(prompt: prompt)
        let failing = evaluator.evaluate("verdict=TP confidence=0.9 summary=when:not-a-date", item: FailingRules.host)
        #expect(failing.isError)
        #expect(failing.error?.hasPrefix("rule_error: ") == true)
        #expect(failing.error?.contains("not-a-date") == true)
        #expect(failing.response == "verdict=TP confidence=0.9 summary=when:not-a-date")
        let fine = evaluator.evaluate("verdict=TP confidence=0.9 summary=x", item: FailingRules.host)
        #expect(!fine.isError)
        #expect(fine.alert)
    }

    @Test("B14: out-of-range config values are errors naming the field", arguments: [
        ("decision: {min_confidence: 7}\nmodels: []\n", "decision.min_confidence"),
        ("models:\n  - {id: m, provider: openai, model: x, price: {input_per_mtok: -1, output_per_mtok: 1}}\n", "models[0].price.input_per_mtok"),
        ("models:\n  - {id: m, provider: openai, model: x, price: {input_per_mtok: 1, output_per_mtok: .nan}}\n", "models[0].price.output_per_mtok"),
        ("models:\n  - {id: m, provider: openai, model: x, timeout_s: .inf}\n", "models[0].timeout_s"),
    ])
    func configBounds(text: String, field: String) {
        let thrown = #expect(throws: InputError.self) { try ConfigParser.parse(text, file: "my-config.yaml") }
        #expect(thrown?.field == field)
        #expect(thrown?.file == "my-config.yaml")
    }

    @Test("B14: a prompt's min_confidence outside [0, 1] is an error naming the field")
    func promptThresholdBound() {
        let text = """
            ---
            id: p
            version: v1
            output:
              format: dissect
              pattern: "verdict=%{verdict} confidence=%{confidence}"
            decision:
              min_confidence: 70
            ---
            Host {{host_name}}
            """
        let thrown = #expect(throws: InputError.self) { try PromptFileParser.parse(text, file: "prompts/p/v1.prompt", defaults: AlertPolicy()) }
        #expect(thrown?.field?.hasSuffix("min_confidence") == true)
    }

    @Test("B15: a JSONL file as `cases export --format jsonl` writes reads back to the same cases; errors name the line")
    func jsonlRoundTrip() throws {
        let cases = [FailingRules.host, TriageCase(id: "user-01", label: .fp, scenario: "Accounts", alertSummary: "Users: a \"quoted\" \\ name\tand a tab")]
        let jsonl = cases.map { $0.canonicalJSON() }.joined(separator: "\n") + "\n"
        let read = try CaseFileParser.read(jsonl, file: "export.jsonl")
        #expect(read.cases == cases)
        let bad = jsonl + #"{"id":"x","label":"maybe","scenario":"s","alert_summary":"a"}"# + "\n"
        let thrown = #expect(throws: InputError.self) { try CaseFileParser.read(bad, file: "export.jsonl") }
        #expect(thrown?.line == 3)
        #expect(thrown?.field == "cases[2].label")
    }

    @Test("B15: draft entries (label: null) are named, not silently dropped")
    func draftsAreNamed() throws {
        let yaml = """
            - id: draft-01
              label: null
              scenario: s
              alert_summary: a
            - id: ready-01
              label: TP
              scenario: s
              alert_summary: b
            """
        let read = try CaseFileParser.read(yaml, file: "drafts.yaml")
        #expect(read.cases.map(\.id) == ["ready-01"])
        #expect(read.drafts == ["draft-01"])
    }
}
