import Testing
import TriageEval
@testable import TriageEvalProviders

/// The heuristic answers prompts with declared JSON fields in those fields (issue 13 item 7): the verdict field
/// holds the value its map gives the baseline's verdict, the confidence a number or a level, nested paths nest.
@Suite struct HeuristicJSONAnswerTests {
    static func spec(_ declared: DeclaredOutput) -> OutputSpec {
        OutputSpec(format: .json(verdictField: declared.verdict.field, confidenceField: declared.confidence?.field ?? "confidence", summaryField: "summary"), declared: declared)
    }

    static let analyzer = DeclaredOutput(
        fields: [
            DeclaredField(path: "true_positive_likelihood", type: .category, values: ["high", "medium", "low"]),
            DeclaredField(path: "confidence", type: .category, values: ["high", "medium", "low"]),
            DeclaredField(path: "threat_level", type: .category, values: ["critical", "high", "medium", "low"]),
            DeclaredField(path: "summary", type: .string),
        ],
        verdict: VerdictRule(field: "true_positive_likelihood", map: [
            .init(value: "high", verdict: "TP"), .init(value: "medium", verdict: "SUSPICIOUS"), .init(value: "low", verdict: "FP"),
        ]),
        confidence: ConfidenceRule(field: "confidence"), summary: "summary"
    )

    static let correlation = DeclaredOutput(
        fields: [
            DeclaredField(path: "correlated", type: .boolean),
            DeclaredField(path: "compromised_assets.risk_level", type: .string),
            DeclaredField(path: "score", type: .number),
        ],
        verdict: VerdictRule(field: "correlated", map: [.init(value: "true", verdict: "TP"), .init(value: "false", verdict: "FP")]),
        confidence: ConfidenceRule(field: "score"), summary: nil
    )

    @Test func categoriesFollowTheVerdictMapAndTheConfidence() throws {
        let tp = try #require(HeuristicJSONAnswer.text(HeuristicAssessment(verdict: "TP", confidence: 0.9, summary: "dump"), declared: Self.analyzer))
        #expect(tp == #"{"true_positive_likelihood": "high", "confidence": "high", "threat_level": "high", "summary": "dump"}"#)
        let fp = try #require(HeuristicJSONAnswer.text(HeuristicAssessment(verdict: "FP", confidence: 0.7, summary: "sccm"), declared: Self.analyzer))
        #expect(fp == #"{"true_positive_likelihood": "low", "confidence": "medium", "threat_level": "low", "summary": "sccm"}"#)
        // Levels mapped to numbers: the nearest level.
        var levelled = Self.analyzer
        levelled.confidence = ConfidenceRule(field: "confidence", levels: [.init(value: "high", probability: 0.9), .init(value: "medium", probability: 0.6), .init(value: "low", probability: 0.3)])
        #expect(HeuristicJSONAnswer.text(HeuristicAssessment(verdict: "TP", confidence: 0.5, summary: "x"), declared: levelled)?.contains(#""confidence": "medium""#) == true)
    }

    @Test func booleanVerdictsNestedPathsAndNumbers() throws {
        // A boolean verdict cannot hedge: SUSPICIOUS takes TP's value.
        let text = try #require(HeuristicJSONAnswer.text(HeuristicAssessment(verdict: "SUSPICIOUS", confidence: 0.62, summary: "x"), declared: Self.correlation))
        #expect(text == #"{"correlated": true, "compromised_assets": {"risk_level": "medium"}, "score": 0.62}"#)
        #expect(PythonJSON.loads(text) != nil)
    }

    @Test func theProviderAnswersDeclaredJSONPromptsAndReadsEscapedDocuments() async throws {
        // The document is dumped as JSON: backslashes doubled. The baseline still sees comsvcs.dll's MiniDump.
        let prompt = #"{"process.command_line": "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Windows\\Temp\\x.dmp full"}"#
        let answer = try await HeuristicProvider().complete(CompletionRequest(prompt: prompt, caseID: "c", sample: 0, output: Self.spec(Self.analyzer))).text
        #expect(answer.hasPrefix(#"{"true_positive_likelihood": "high""#), "\(answer)")
        #expect(HeuristicJSONAnswer.unescaped(#"a\\b \"q\" \/ \n"#) == #"a\b "q" / \n"#)
        // A DISSECT prompt is still answered in its pattern.
        let dissect = try await HeuristicProvider().complete(CompletionRequest(prompt: prompt, caseID: "c", sample: 0, output: .esqlTriage)).text
        #expect(dissect.hasPrefix("verdict="))
    }
}
