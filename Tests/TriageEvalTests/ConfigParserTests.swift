import Testing
@testable import TriageEval

@Suite struct ConfigParserTests {
    @Test func parsesModelsDecisionAndGate() throws {
        let text = """
            store: .x/store.sqlite
            models:
              - id: gpt
                provider: openai
                model: gpt-4o-mini
                base_url: http://127.0.0.1:8080/v1
                api_key_env: OPENAI_API_KEY
                params: {temperature: 0, max_tokens: 200, seed: 7}
                concurrency: 16
                rpm: 500
                max_retries: 0
                timeout_s: 30
                circuit_breaker: 5
                price: {input_per_mtok: 0.15, output_per_mtok: 0.6}
                deployment: prod
              - id: base
                provider: heuristic
            decision: {verdict_case: exact, min_confidence: 0.8}
            gate: {min_recall: 0.95, flaky: all}
            """
        let config = try ConfigParser.parse(text, file: "t.yaml")
        #expect(config.store == ".x/store.sqlite")
        #expect(config.cases == "cases")
        let gpt = try #require(config.model("gpt"))
        #expect(gpt.provider == .openai)
        #expect(gpt.params == ModelConfig.Parameters(temperature: 0, maxTokens: 200, seed: 7))
        #expect(gpt.maxRetries == 0)
        #expect(gpt.concurrency == 16)
        #expect(gpt.price == ModelConfig.Price(inputPerMTok: 0.15, outputPerMTok: 0.6))
        #expect(gpt.options == ["deployment": "prod"])
        #expect(gpt.circuitBreaker == 5)
        #expect(config.model("base")?.concurrency == 8)
        #expect(config.model("base")?.circuitBreaker == nil)
        #expect(config.decision == AlertPolicy(alertVerdicts: ["TP", "SUSPICIOUS"], verdictCase: .exact, minConfidence: 0.8))
        #expect(config.gate.minRecall == 0.95)
        #expect(config.gate.maxFPR == nil)
        #expect(config.gate.flaky == .all)
    }

    @Test(arguments: [
        ("models:\n  - id: a\n    provider: gpt\n", "models[0].provider"),
        ("models:\n  - id: a\n    provider: openai\n    api_key: sk-123\n", "models[0].api_key"),
        ("models:\n  - id: a\n    provider: openai\n    api_key_env: sk-abc123\n", "models[0].api_key_env"),
        ("models:\n  - id: a\n    provider: replay\n", "models[0].path"),
        ("models:\n  - id: a\n    provider: heuristic\n  - id: a\n    provider: heuristic\n", "models[1].id"),
        ("models:\n  - id: a\n    provider: heuristic\n    circuit_breaker: -1\n", "models[0].circuit_breaker"),
        ("gate: {min_recall: 1.5}\n", "gate.min_recall"),
        ("decision: {verdict_case: lower}\n", "decision.verdict_case"),
        ("modles: []\n", "modles"),
    ])
    func invalidConfigNamesTheField(text: String, field: String) throws {
        let error = try #require(throws: InputError.self) { try ConfigParser.parse(text, file: "t.yaml") }
        #expect(error.field == field)
        #expect(error.file == "t.yaml")
    }

    @Test func batchSizeDefaultsToTheProvidersRowLimitAndIsOneElsewhere() throws {
        let text = """
            models:
              - {id: es, provider: esql-completion, inference_id: e}
              - {id: es-one, provider: esql-completion, inference_id: e, batch_size: 1}
              - {id: es-40, provider: esql-completion, inference_id: e, batch_size: 40}
              - {id: gpt, provider: openai}
            """
        let config = try ConfigParser.parse(text, file: "t.yaml")
        #expect(config.model("es")?.batchSize == nil)
        #expect(config.model("es")?.effectiveBatchSize == 100)
        #expect(config.model("es-one")?.effectiveBatchSize == 1)
        #expect(config.model("es-40")?.effectiveBatchSize == 40)
        #expect(config.model("gpt")?.effectiveBatchSize == 1)
    }

    @Test(arguments: [
        ("provider: esql-completion\n    batch_size: 0", "must be an integer from 1 to 100"),
        ("provider: esql-completion\n    batch_size: 101", "must be an integer from 1 to 100"),
        ("provider: esql-completion\n    batch_size: 2.5", "expected an integer"),
        ("provider: openai\n    batch_size: 10", "batch_size applies to esql-completion only"),
    ])
    func invalidBatchSizeNamesModelAndField(model: String, message: String) throws {
        let text = "models:\n  - id: triage-es\n    \(model)\n"
        let error = try #require(throws: InputError.self) { try ConfigParser.parse(text, file: "t.yaml") }
        #expect(error.field == "models[0].batch_size")
        #expect(error.line == 4)
        #expect(error.message.contains(message))
        #expect(message == "expected an integer" || error.message.contains("model \"triage-es\""))
    }

    @Test func gatePolicyFileHoldsGateKeysAtTopLevel() throws {
        let policy = try ConfigParser.parseGatePolicy("min_precision: 0.9\nmax_ece: 0.1\n", file: "policy.yaml")
        #expect(policy.minPrecision == 0.9)
        #expect(policy.maxECE == 0.1)
        #expect(throws: InputError.self) { try ConfigParser.parseGatePolicy("min_precison: 0.9\n", file: "policy.yaml") }
    }
}
