import EsqlEngine
import Testing
@testable import TriageEval

@Suite struct RuleExportTests {
    @Test func instructionsLineIsAnEscapedEsqlString() throws {
        let line = RuleExport.instructionsLine("Say \"TP\" or \\FP\\\nthen stop.")
        #expect(line == #"| eval instructions = "Say \"TP\" or \\FP\\\nthen stop.""#)
        let commands = try EsqlParser.parse("from a " + line)
        guard case .eval(let assignments, _) = commands[1] else { Issue.record("expected EVAL"); return }
        #expect(assignments[0].expression == .literal(.string("Say \"TP\" or \\FP\\\nthen stop."), line: 1))
    }

    @Test func rewriteChangesOnlyTheInstructionsAndInferenceLines() throws {
        let original = try RuleFixtures.text(RuleFixtures.currentHost)
        let instructions = " Decide \"TP\" or FP. Answer: verdict=<v> confidence=<c> summary=<s>"
        let rewritten = try RuleExport.rewrite(ruleText: original, file: "host.toml", instructions: instructions, inferenceID: "my-azure-openai")
        let before = original.split(separator: "\n", omittingEmptySubsequences: false)
        let after = rewritten.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(changed.count == 2)
        #expect(changed.map { String(after[$0]) } == [
            #"| eval instructions = " Decide \"TP\" or FP. Answer: verdict=<v> confidence=<c> summary=<s>""#,
            #"| COMPLETION triage_result = prompt WITH { "inference_id": "my-azure-openai"}"#,
        ])
        let reread = try RulePromptParser.parse(rewritten, file: "host.toml", id: "h", version: "v1", defaults: AlertPolicy())
        #expect(try RuleExport.instructions(of: reread) == instructions)
        #expect(reread.rule?.rule.inferenceID == "my-azure-openai")
    }

    @Test func templateInstructionsAreTheTextAfterTheLastTag() throws {
        let prompt = try PromptFileParser.parse(
            "---\nid: p\nversion: v1\noutput:\n  format: dissect\n  pattern: \"verdict=%{verdict} confidence=%{confidence} summary=%{summary}\"\n---\nHost: {{host_name}} | Users: {{users_str}} Judge it.",
            file: "p.prompt", defaults: AlertPolicy()
        )
        #expect(try RuleExport.instructions(of: prompt) == " Judge it.")
    }
}
