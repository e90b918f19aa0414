import Testing
import TriageEval

/// `batch_api` and `price.batch_discount` in triage-eval.yaml.
@Suite struct BatchAPIConfigTests {
    @Test func batchAPIAndBatchDiscountAreRead() throws {
        let text = """
            models:
              - {id: gpt, provider: openai, batch_api: true, price: {input_per_mtok: 0.15, output_per_mtok: 0.6, batch_discount: 0.5}}
              - {id: claude, provider: anthropic, batch_api: false}
              - {id: plain, provider: gemini, price: {input_per_mtok: 1, output_per_mtok: 2}}
            """
        let config = try ConfigParser.parse(text, file: "t.yaml")
        #expect(config.model("gpt")?.batchAPI == true)
        #expect(config.model("gpt")?.price?.batchDiscount == 0.5)
        #expect(config.model("claude")?.batchAPI == nil)
        #expect(config.model("plain")?.batchAPI == nil && config.model("plain")?.price?.batchDiscount == nil)
    }

    @Test(arguments: [
        ("provider: bedrock\n    region: us-east-1\n    batch_api: true", "models[0].batch_api", "has no batch API here"),
        ("provider: openai\n    price: {input_per_mtok: 1, output_per_mtok: 2, batch_discount: 1.5}", "models[0].price.batch_discount", "must be a share from 0 to 1"),
    ])
    func invalidBatchSettingsNameTheField(model: String, field: String, message: String) throws {
        let text = "models:\n  - id: m\n    \(model)\n"
        let error = try #require(throws: InputError.self) { try ConfigParser.parse(text, file: "t.yaml") }
        #expect(error.field == field)
        #expect(error.message.contains(message))
    }
}
