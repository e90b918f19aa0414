import EsqlEngine
import Foundation
import Testing
@testable import TriageEval

@Suite struct PromptFileParserTests {
    static func prompt(body: String = "Host: {{host_name}} | Command lines: {{cmdlines_str}} Answer verdict=<v>.", output: String? = nil, decision: String = "") -> String {
        let outputBlock = output ?? """
            output:
              format: dissect
              pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
            """
        return "---\nid: host-triage\nversion: v9\nentity: host\n\(outputBlock)\n\(decision)---\n\(body)\n"
    }

    @Test func loadsAndRendersWithoutHTMLEscaping() throws {
        let prompt = try PromptFileParser.parse(Self.prompt(), file: "p.prompt", defaults: AlertPolicy())
        #expect(prompt.key == "host-triage@v9")
        #expect(prompt.entity == .host)
        #expect(prompt.variables == ["host_name", "cmdlines_str"])
        #expect(prompt.decision == AlertPolicy())
        let item = TriageCase(
            id: "c", label: .tp, scenario: "S", entity: Entity(type: .host, name: "WS<1>"), alertCount: 1, timeWindowMinutes: 1,
            maxRiskScore: 1, rules: ["R"], commandLines: [#"cmd /c "a & b" > 'c'"#]
        )
        #expect(try prompt.render(CaseContext(item)) == #"Host: WS<1> | Command lines: cmd /c "a & b" > 'c' Answer verdict=<v>."#)
        #expect(prompt.sha256.count == 64)
    }

    @Test func unknownVariableFailsAtLoadWithLineAndHint() throws {
        let text = Self.prompt(body: "Line one\nCommand lines: {{cmdline_str}}")
        let error = try #require(throws: InputError.self) { try PromptFileParser.parse(text, file: "p.prompt", defaults: AlertPolicy()) }
        #expect(error.line == 10)
        #expect(error.message.contains("{{cmdline_str}}"))
        #expect(error.message.contains("did you mean cmdlines_str?"))
    }

    @Test func badDissectPatternFailsAtLoad() throws {
        let output = "output:\n  format: dissect\n  pattern: \"no keys at all\""
        let error = try #require(throws: InputError.self) { try PromptFileParser.parse(Self.prompt(output: output), file: "p.prompt", defaults: AlertPolicy()) }
        #expect(error.field == "output.pattern")
        #expect(error.message.hasPrefix("invalid DISSECT pattern"))
    }

    @Test func patternMustExtractVerdictAndConfidence() throws {
        let output = "output:\n  format: dissect\n  pattern: \"verdict=%{verdict} summary=%{summary}\""
        let error = try #require(throws: InputError.self) { try PromptFileParser.parse(Self.prompt(output: output), file: "p.prompt", defaults: AlertPolicy()) }
        #expect(error.message.contains("\"confidence\""))
    }

    @Test func decisionOverridesDefaults() throws {
        let decision = "decision:\n  verdict_case: exact\n  min_confidence: 0.8\n"
        let prompt = try PromptFileParser.parse(Self.prompt(decision: decision), file: "p.prompt", defaults: AlertPolicy())
        #expect(prompt.decision == AlertPolicy(alertVerdicts: ["TP", "SUSPICIOUS"], verdictCase: .exact, minConfidence: 0.8))
        #expect(prompt.output.verdictCase == .exact)
    }

    @Test func jsonOutputFormatWithFieldNames() throws {
        let output = "output:\n  format: json\n  fields: {verdict: label, confidence: score, summary: why}"
        let prompt = try PromptFileParser.parse(Self.prompt(output: output), file: "p.prompt", defaults: AlertPolicy())
        #expect(prompt.output.format == .json(verdictField: "label", confidenceField: "score", summaryField: "why"))
    }

    @Test func missingFrontMatterAndUnknownKeys() throws {
        let noFront = try #require(throws: InputError.self) { try PromptFileParser.parse("hello", file: "p.prompt", defaults: AlertPolicy()) }
        #expect(noFront.line == 1)
        let unknown = Self.prompt().replacingOccurrences(of: "entity: host", with: "entitty: host")
        let error = try #require(throws: InputError.self) { try PromptFileParser.parse(unknown, file: "p.prompt", defaults: AlertPolicy()) }
        #expect(error.field == "entitty")
        #expect(error.line == 4)
    }

    @Test func partialsAreRejected() throws {
        let error = try #require(throws: InputError.self) { try PromptFileParser.parse(Self.prompt(body: "{{> other}}"), file: "p.prompt", defaults: AlertPolicy()) }
        #expect(error.message.contains("partials"))
    }

    @Test func sectionsOverListsAreAllowed() throws {
        let prompt = try PromptFileParser.parse(Self.prompt(body: "{{#command_lines}}- {{.}}\n{{/command_lines}}"), file: "p.prompt", defaults: AlertPolicy())
        let item = TriageCase(id: "c", label: .tp, scenario: "S", entity: Entity(type: .host, name: "h"), alertCount: 1, timeWindowMinutes: 1, maxRiskScore: 1, rules: ["R"], commandLines: ["a", "b"])
        #expect(try prompt.render(CaseContext(item)) == "- a\n- b\n")
    }

    @Test func summaryOnlyCasesAreAcceptedOnlyByTemplatesThatNeedNothingElse() throws {
        let row = TriageCase(id: "r", label: .fp, scenario: "ROW", alertSummary: "Host: x")
        let usesMore = try PromptFileParser.parse(Self.prompt(), file: "p.prompt", defaults: AlertPolicy())
        #expect(usesMore.missingVariables(for: row) == ["cmdlines_str"])
        #expect(!usesMore.accepts(row))
        let summaryOnly = try PromptFileParser.parse(Self.prompt(body: "Alerts: {{alert_summary}}"), file: "p.prompt", defaults: AlertPolicy())
        #expect(summaryOnly.accepts(row))
        #expect(try summaryOnly.render(CaseContext(row)) == "Alerts: Host: x")
    }
}
