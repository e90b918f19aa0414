import Testing
@testable import TriageEval

@Suite struct AnswerEvaluatorTests {
    func evaluator(verdictCase: VerdictCase) throws -> AnswerEvaluator {
        let text = """
            ---
            id: p
            version: v1
            output:
              format: dissect
              pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
            decision: {verdict_case: \(verdictCase.rawValue)}
            ---
            {{alert_summary}}
            """
        return try AnswerEvaluator(prompt: PromptFileParser.parse(text, file: "p", defaults: AlertPolicy()))
    }

    @Test func strictAndLenientDecideApart() throws {
        let evaluator = try evaluator(verdictCase: .ignore)
        let fenced = evaluator.evaluate("Here is my analysis: verdict=TP confidence=0.9 summary=certutil")
        #expect(fenced.strict?.status == .noMatch)
        #expect(fenced.alert == false)
        #expect(fenced.lenient?.status == .ok)
        #expect(fenced.lenientAlert == true)
    }

    @Test func thresholdIsStrictlyGreater() throws {
        let evaluator = try evaluator(verdictCase: .ignore)
        #expect(evaluator.evaluate("verdict=SUSPICIOUS confidence=0.7 summary=x").alert == false)
        #expect(evaluator.evaluate("verdict=SUSPICIOUS confidence=0.71 summary=x").alert == true)
        #expect(evaluator.evaluate("verdict=FP confidence=0.99 summary=x").alert == false)
    }

    @Test func verdictCaseFollowsTheRuleVersion() throws {
        #expect(try evaluator(verdictCase: .exact).evaluate("verdict=tp confidence=0.95 summary=x").alert == false)
        #expect(try evaluator(verdictCase: .ignore).evaluate("verdict=tp confidence=0.95 summary=x").alert == true)
    }

    @Test func outOfRangeConfidenceAlertsAndIsFlagged() throws {
        let result = try evaluator(verdictCase: .ignore).evaluate("verdict=TP confidence=95 summary=x")
        #expect(result.alert == true)
        #expect(result.strict?.flags == [.confidenceOutOfRange])
    }

    @Test func refusalNeverAlerts() throws {
        let result = try evaluator(verdictCase: .ignore).evaluate("verdict=TP confidence=0.99 summary=x", refused: true)
        #expect(result.strict?.status == .refused)
        #expect(result.alert == false)
        #expect(result.lenientAlert == false)
    }
}
