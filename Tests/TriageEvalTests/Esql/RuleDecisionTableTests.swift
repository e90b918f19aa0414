import Testing
@testable import TriageEval

/// `esql-decisions.md`: the bundled rules' own tails (DISSECT + WHERE), evaluated on real model outputs.
@Suite struct RuleDecisionTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var output: String
        var current: Bool
        var firstRelease: Bool
        var testDescription: String { output.debugDescription }
    }

    static let table: [Row] = [
        Row(output: "verdict=TP confidence=0.92 summary=certutil download-and-execute of remote payload", current: true, firstRelease: true),
        Row(output: "verdict=FP confidence=0.85 summary=SCCM client activity", current: false, firstRelease: false),
        Row(output: "verdict=SUSPICIOUS confidence=0.7 summary=x", current: false, firstRelease: false),
        Row(output: "verdict=SUSPICIOUS confidence=0.71 summary=x", current: true, firstRelease: true),
        Row(output: "verdict=tp confidence=0.95 summary=x", current: true, firstRelease: false),
        Row(output: "verdict=TP confidence=95 summary=x", current: true, firstRelease: true),
        Row(output: "verdict=TP confidence=95% summary=x", current: false, firstRelease: false),
        Row(output: "verdict=TP confidence=0.9, summary=x", current: false, firstRelease: false),
        Row(output: "verdict=TP confidence= 0.9 summary=x", current: true, firstRelease: true),
        Row(output: "verdict=TP  confidence=0.9 summary=x", current: false, firstRelease: false),
        Row(output: "verdict=TP confidence=0.9  summary=x", current: true, firstRelease: true),
        Row(output: "verdict=**TP** confidence=0.9 summary=x", current: false, firstRelease: false),
        Row(output: "verdict=<TP> confidence=<0.9> summary=<x>", current: false, firstRelease: false),
        Row(output: "verdict=TP confidence=0.9 summary=line one\nline two", current: true, firstRelease: true),
        Row(output: "verdict=TP confidence=0.9 summary=", current: true, firstRelease: true),
        Row(output: "verdict=TP confidence=0.9 summary=a summary=b confidence=0.1", current: true, firstRelease: true),
        Row(output: "verdict=TP confidence=0.9 summary=x verdict=FP", current: true, firstRelease: true),
        Row(output: "Verdict=TP confidence=0.9 summary=x", current: false, firstRelease: false),
        Row(output: " verdict=TP confidence=0.9 summary=x", current: false, firstRelease: false),
        Row(output: "```\nverdict=TP confidence=0.9 summary=x\n```", current: false, firstRelease: false),
        Row(output: "Here is my analysis: verdict=TP confidence=0.9 summary=x", current: false, firstRelease: false),
        Row(output: "verdict=TP confidence=0.9", current: false, firstRelease: false),
        Row(output: "verdict=TP\nconfidence=0.9\nsummary=x", current: false, firstRelease: false),
        Row(output: "verdict=TP confidence=.9 summary=x", current: true, firstRelease: true),
        Row(output: "verdict=TP confidence=1e-1 summary=x", current: false, firstRelease: false),
        Row(output: "verdict=TP confidence=NaN summary=x", current: false, firstRelease: false),
    ]

    @Test(arguments: table)
    func hostRules(_ row: Row) throws {
        let current = try RuleFixtures.prompt(RuleFixtures.currentHost).rule
        let first = try RuleFixtures.prompt(RuleFixtures.firstHost).rule
        #expect(try current?.keeps(answer: row.output, for: RuleFixtures.hostCase) == row.current)
        #expect(try first?.keeps(answer: row.output, for: RuleFixtures.hostCase) == row.firstRelease)
    }

    @Test(arguments: table)
    func userRules(_ row: Row) throws {
        let current = try RuleFixtures.prompt(RuleFixtures.currentUser).rule
        let first = try RuleFixtures.prompt(RuleFixtures.firstUser).rule
        #expect(try current?.keeps(answer: row.output, for: RuleFixtures.userCase) == row.current)
        #expect(try first?.keeps(answer: row.output, for: RuleFixtures.userCase) == row.firstRelease)
    }

    @Test func theRunDecisionIsTheTail() throws {
        let evaluator = try AnswerEvaluator(prompt: try RuleFixtures.prompt(RuleFixtures.firstHost))
        // The first release compares `== "TP"`: lower-case tp never alerts, although it parses.
        #expect(evaluator.evaluate("verdict=tp confidence=0.95 summary=x", item: RuleFixtures.hostCase).alert == false)
        #expect(evaluator.evaluate("verdict=TP confidence=0.95 summary=x", item: RuleFixtures.hostCase).alert == true)
        #expect(evaluator.evaluate("verdict=TP confidence=0.95 summary=x", refused: true, item: RuleFixtures.hostCase).alert == false)
    }

    @Test func derivedPolicySummarisesTheTail() throws {
        let current = try RuleFixtures.prompt(RuleFixtures.currentHost)
        let first = try RuleFixtures.prompt(RuleFixtures.firstHost)
        #expect(current.decision == AlertPolicy(alertVerdicts: ["TP", "SUSPICIOUS"], verdictCase: .ignore, minConfidence: 0.7))
        #expect(first.decision == AlertPolicy(alertVerdicts: ["TP", "SUSPICIOUS"], verdictCase: .exact, minConfidence: 0.7))
        #expect(current.output.verdictKey == "Esql.verdict")
        #expect(current.output.confidenceKey == "Esql.confidence")
    }
}
