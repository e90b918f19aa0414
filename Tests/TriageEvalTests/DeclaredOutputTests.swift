import EsqlEngine
import Testing
@testable import TriageEval

/// The declared-fields layer: typed fields by dotted path, normalisation, mapped verdicts, categorical confidence,
/// `decision.where` over the fields, and located errors when a prompt declares them wrongly.
@Suite struct DeclaredOutputTests {
    static func prompt(_ output: String, decision: String = "") -> String {
        "---\nid: analyzer\nversion: v1\noutput:\n  format: json\n\(output)\n\(decision)---\nAlert: {{host_name}}\n"
    }

    static func load(_ output: String, decision: String = "") throws -> PromptVersion {
        try PromptFileParser.parse(prompt(output, decision: decision), file: "prompts/analyzer/v1.prompt", defaults: AlertPolicy())
    }

    static let likelihood = """
          fields:
            true_positive_likelihood: {type: category, values: [high, medium, low], normalize: [strip, lower]}
            confidence: {type: category, values: [high, medium, low], normalize: [strip, lower]}
            threat_level: {type: category, values: [critical, high, medium, low], normalize: [strip, lower]}
            compromised_assets.risk_level: {type: string}
            score: {type: number}
            summary: {type: string}
          verdict: {field: true_positive_likelihood, map: {high: TP, medium: SUSPICIOUS, low: FP}}
          confidence: {field: confidence, levels: {high: 0.9, medium: 0.6, low: 0.3}}
          summary: summary
          secondary:
            - {field: threat_level, case_field: priority}
        """

    @Test func contractExampleParses() throws {
        let prompt = try Self.load(Self.likelihood, decision: "decision:\n  where: 'true_positive_likelihood IN (\"high\", \"medium\")'\n")
        let declared = try #require(prompt.output.declared)
        #expect(declared.fields.map(\.path) == ["true_positive_likelihood", "confidence", "threat_level", "compromised_assets.risk_level", "score", "summary"])
        #expect(declared.field("true_positive_likelihood") == DeclaredField(path: "true_positive_likelihood", type: .category, values: ["high", "medium", "low"], normalize: [.strip, .lower]))
        #expect(declared.verdict == VerdictRule(field: "true_positive_likelihood", map: [.init(value: "high", verdict: "TP"), .init(value: "medium", verdict: "SUSPICIOUS"), .init(value: "low", verdict: "FP")]))
        #expect(declared.confidence == ConfidenceRule(field: "confidence", levels: [.init(value: "high", probability: 0.9), .init(value: "medium", probability: 0.6), .init(value: "low", probability: 0.3)]))
        #expect(declared.summary == "summary")
        #expect(declared.secondary == [SecondaryOutput(field: "threat_level", caseField: "priority")])
        #expect(declared.hasNumericScore && declared.hasCategoricalConfidence)
        #expect(prompt.decision.condition == "true_positive_likelihood IN (\"high\", \"medium\")")
    }

    @Test func olderKeyRenameFormStillLoads() throws {
        let prompt = try Self.load("  fields: {verdict: label, confidence: score, summary: why}")
        #expect(prompt.output.declared == nil)
        #expect(prompt.output.format == .json(verdictField: "label", confidenceField: "score", summaryField: "why"))
    }

    // MARK: Mapped verdicts

    @Test("true_positive_likelihood high/medium/low maps after strip and lower; confidence levels give numbers")
    func likelihoodMap() throws {
        let spec = try Self.load(Self.likelihood).output
        let parser = try StrictParser(spec: spec)
        let high = parser.parse(#"{"true_positive_likelihood": " High\n", "confidence": "MEDIUM", "threat_level": "Critical", "summary": "s"}"#)
        #expect(high.status == .ok)
        #expect(high.verdict == "TP")
        #expect(high.rawVerdict == " High\n")
        #expect(high.confidence == 0.6)
        #expect(high.confidenceLevel == "medium")
        #expect(high.summary == "s")
        #expect(high.fields == ["true_positive_likelihood": "high", "confidence": "medium", "threat_level": "critical", "summary": "s"])
        #expect(parser.parse(#"{"true_positive_likelihood": "medium", "confidence": "low"}"#).verdict == "SUSPICIOUS")
        #expect(parser.parse(#"{"true_positive_likelihood": "low", "confidence": "high"}"#).verdict == "FP")
        // A value outside the category, a missing field, a non-string: invalid verdict; a bad level: invalid confidence.
        #expect(parser.parse(#"{"true_positive_likelihood": "very high", "confidence": "low"}"#).status == .invalidVerdict)
        #expect(parser.parse(#"{"confidence": "low"}"#).status == .invalidVerdict)
        #expect(parser.parse(#"{"true_positive_likelihood": 1, "confidence": "low"}"#).status == .invalidVerdict)
        let badLevel = parser.parse(#"{"true_positive_likelihood": "high", "confidence": "certain"}"#)
        #expect(badLevel.status == .invalidConfidence)
        #expect(badLevel.verdict == "TP")
        #expect(badLevel.rawConfidence == "certain")
        // Strict is json.loads of the whole text: a fence is no match; lenient reads it.
        let fenced = "```json\n{\"true_positive_likelihood\": \"High\", \"confidence\": \"high\"}\n```"
        #expect(parser.parse(fenced).status == .noMatch)
        let lenient = LenientParser(spec: spec).parse(fenced)
        #expect(lenient.status == .ok)
        #expect(lenient.verdict == "TP")
        #expect(lenient.confidence == 0.9)
    }

    @Test("classification TP/FP after .strip().upper(); no confidence: ok on the verdict alone")
    func classificationMap() throws {
        let spec = try Self.load("""
              fields:
                classification: {type: string, normalize: [strip, upper]}
              verdicts: [TP, FP]
              verdict: {field: classification, map: {TP: TP, FP: FP}}
            """, decision: "decision:\n  alert_verdicts: [TP]\n").output
        let parser = try StrictParser(spec: spec)
        let tp = parser.parse(#"{"classification": " tp\n"}"#)
        #expect(tp.status == .ok)
        #expect(tp.verdict == "TP")
        #expect(tp.confidence == nil)
        #expect(parser.parse(#"{"classification": "fp"}"#).verdict == "FP")
        #expect(parser.parse(#"{"classification": "TP (True Positive)"}"#).status == .invalidVerdict)
        #expect(LenientParser(spec: spec).parse(#"{"classification": "TP (True Positive)"}"#).verdict == "TP")
        // With no score, the decision is the verdict alone.
        let prompt = try Self.load("""
              fields:
                classification: {type: string, normalize: [strip, upper]}
              verdicts: [TP, FP]
              verdict: {field: classification, map: {TP: TP, FP: FP}}
            """, decision: "decision:\n  alert_verdicts: [TP]\n")
        let evaluator = try AnswerEvaluator(prompt: prompt)
        #expect(evaluator.evaluate(#"{"classification": "tp"}"#).alert)
        #expect(!evaluator.evaluate(#"{"classification": "fp"}"#).alert)
        #expect(!prompt.output.layer.hasNumericScore)
    }

    @Test("correlated true/false: a JSON boolean maps; a string is lenient only")
    func booleanMap() throws {
        let spec = try Self.load("""
              fields:
                correlated: {type: boolean}
                campaign_likelihood: {type: category, values: [high, medium, low]}
              verdicts: [TP, FP]
              verdict: {field: correlated, map: {true: TP, false: FP}}
              confidence: campaign_likelihood
            """, decision: "decision:\n  alert_verdicts: [TP]\n").output
        let parser = try StrictParser(spec: spec)
        let yes = parser.parse(#"{"correlated": true, "campaign_likelihood": "high"}"#)
        #expect(yes.status == .ok)
        #expect(yes.verdict == "TP")
        #expect(yes.confidence == nil)
        #expect(yes.confidenceLevel == "high")
        #expect(parser.parse(#"{"correlated": false, "campaign_likelihood": "low"}"#).verdict == "FP")
        let text = parser.parse(#"{"correlated": "true", "campaign_likelihood": "low"}"#)
        #expect(text.status == .invalidVerdict)
        #expect(text.rawVerdict == "true")
        #expect(LenientParser(spec: spec).parse(#"{"Correlated": "True", "campaign_likelihood": "Low"}"#).verdict == "TP")
    }

    // MARK: decision.where

    @Test("decision.where is evaluated by the ES|QL engine over the normalised fields")
    func whereDecision() throws {
        let prompt = try Self.load(Self.likelihood, decision: """
            decision:
              where: 'true_positive_likelihood IN ("high", "medium") AND (score IS NULL OR score >= 0.5) AND compromised_assets.risk_level != "none"'

            """)
        let evaluator = try AnswerEvaluator(prompt: prompt)
        func alert(_ text: String) -> Bool { evaluator.evaluate(text).alert }
        #expect(alert(#"{"true_positive_likelihood": "HIGH", "confidence": "high", "compromised_assets": {"risk_level": "high"}}"#))
        #expect(alert(#"{"true_positive_likelihood": "medium", "confidence": "low", "score": 0.5, "compromised_assets": {"risk_level": "x"}}"#))
        #expect(!alert(#"{"true_positive_likelihood": "medium", "confidence": "low", "score": 0.49, "compromised_assets": {"risk_level": "x"}}"#))
        #expect(!alert(#"{"true_positive_likelihood": "low", "confidence": "high", "compromised_assets": {"risk_level": "x"}}"#))
        #expect(!alert(#"{"true_positive_likelihood": "high", "confidence": "high", "compromised_assets": {"risk_level": "none"}}"#))
        // The dotted path reads the nested member; absent, the column is null and `!=` is null: no alert.
        #expect(!alert(#"{"true_positive_likelihood": "high", "confidence": "high"}"#))
        // A parse failure never alerts, whatever the condition.
        #expect(!alert(#"{"true_positive_likelihood": "high", "confidence": "sure", "compromised_assets": {"risk_level": "x"}}"#))
        // The lenient decision is the same condition on the lenient parse: the right verdict lost to format.
        let fenced = evaluator.evaluate("Here you go:\n```json\n{\"true_positive_likelihood\": \"high\", \"confidence\": \"high\", \"compromised_assets\": {\"risk_level\": \"high\"}}\n```")
        #expect(!fenced.alert)
        #expect(fenced.lenientAlert)
    }

    @Test func whereRowIsTyped() throws {
        let layer = try #require(try Self.load(Self.likelihood).output.declared)
        let condition = try DecisionCondition("score > 0.5", fields: layer.fields)
        let answer = ParsedAnswer(status: .ok, verdict: "TP", fields: ["score": "0.75", "summary": "x"])
        #expect(condition.row(answer)["score"] == .double(0.75))
        #expect(condition.row(answer)["threat_level"] == .null)
        #expect(try condition.alerts(answer))
    }

    // MARK: Located errors

    @Test("errors name the file and the field", arguments: [
        ("  fields:\n    a: {type: category, values: [x]}\n  verdict: {field: b, map: {x: TP}}", "output.verdict.field", "does not declare"),
        ("  fields:\n    a: {type: category, values: [x]}\n  verdict: {field: a, map: {x: BENIGN}}", "output.verdict.map.x", "not among output.verdicts"),
        ("  fields:\n    a: {type: category, values: [x]}\n  verdict: {field: a, map: {y: TP}}", "output.verdict.map.y", "not among a's values"),
        ("  fields:\n    a: {type: category}\n  verdict: {field: a}", "output.fields.a.values", "is required"),
        ("  fields:\n    a: {type: enum}\n  verdict: {field: a}", "output.fields.a.type", "must be one of"),
        ("  fields:\n    a: {type: string, normalize: [title]}\n  verdict: {field: a}", "output.fields.a.normalize", "got \"title\""),
        ("  fields:\n    a: {type: category, values: [High], normalize: [lower]}\n  verdict: {field: a}", "output.fields.a.values", "can never match"),
        ("  fields:\n    a: {type: string}", "output.verdict", "is required"),
        ("  fields:\n    a: {type: string}\n    b: c\n  verdict: {field: a}", "output.fields.b", "mixes a key rename"),
        ("  fields:\n    a: {type: string}\n    n: {type: number}\n  verdict: {field: a}\n  confidence: {field: n, levels: {x: 0.5}}", "output.confidence.levels", "category confidence only"),
        ("  fields:\n    a: {type: string}\n    c: {type: category, values: [hi, lo]}\n  verdict: {field: a}\n  confidence: {field: c, levels: {hi: 0.9}}", "output.confidence.levels", "no number for \"lo\""),
        ("  fields:\n    a: {type: string}\n  verdict: {field: a}\n  secondary: [{field: a, case_field: p}]", "output.secondary[0].field", "a secondary output is a category"),
        ("  fields: {verdict: v}\n  verdict: {field: v}", "output.verdict", "needs typed fields"),
    ])
    func locatedErrors(_ output: String, _ field: String, _ message: String) throws {
        let error = try #require(throws: InputError.self) { try Self.load(output) }
        #expect(error.file == "prompts/analyzer/v1.prompt")
        #expect(error.field == field)
        #expect(error.line != nil)
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func whereErrorsAreLocated() throws {
        let unknown = try #require(throws: InputError.self) {
            try Self.load(Self.likelihood, decision: "decision:\n  where: 'likelihood == \"high\"'\n")
        }
        #expect(unknown.field == "decision.where")
        #expect(unknown.message.contains("unknown field likelihood"))
        let syntax = try #require(throws: InputError.self) {
            try Self.load(Self.likelihood, decision: "decision:\n  where: 'score >'\n")
        }
        #expect(syntax.field == "decision.where")
        let typeError = try #require(throws: InputError.self) {
            try Self.load(Self.likelihood, decision: "decision:\n  where: 'score > \"high\"'\n")
        }
        #expect(typeError.field == "decision.where")
        #expect(typeError.line == 19)
        #expect(typeError.message.contains("keyword"), "\(typeError)")
        let combined = try #require(throws: InputError.self) {
            try Self.load(Self.likelihood, decision: "decision:\n  where: 'score > 0.5'\n  min_confidence: 0.5\n")
        }
        #expect(combined.field == "decision.min_confidence")
        let dissect = """
            ---
            id: p
            version: v1
            output:
              format: dissect
              pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
            decision:
              where: 'verdict == "TP"'
            ---
            x
            """
        let error = try #require(throws: InputError.self) { try PromptFileParser.parse(dissect, file: "d.prompt", defaults: AlertPolicy()) }
        #expect(error.file == "d.prompt")
        #expect(error.field == "decision")
        #expect(error.message.contains("where needs declared fields"))
        // The config's defaults cannot carry a condition.
        let config = try #require(throws: InputError.self) {
            try ConfigParser.parse("decision:\n  where: 'x == 1'\n", file: "triage-eval.yaml")
        }
        #expect(config.field == "decision.where")
    }

    @Test func normalisations() {
        #expect(FieldNormalization.strip.apply(" \t a b \n") == "a b")
        #expect(FieldNormalization.upper.apply("Tp") == "TP")
        #expect(FieldNormalization.lower.apply("HIGH") == "high")
        // Python: "Straße".casefold() == "strasse", "ΣΑΣ".casefold() == "σασ".
        #expect(FieldNormalization.casefold.apply("Straße") == "strasse")
        #expect(FieldNormalization.casefold.apply("ΣΑΣ") == "σασ")
        #expect(FieldNormalization.lower.apply("Straße") == "straße")
    }
}
