extension PromptVersion {
    /// Refuses a schema the model would send but its provider would reject on every call: a root that is not
    /// an object (every provider), an object without `additionalProperties: false` or with a property missing
    /// from `required` (OpenAI strict mode: `openai`, `azure-openai`), a keyword outside Gemini's subset
    /// (`gemini`, `vertex`: ``ResponseSchema/geminiSchema()``).
    func checkSchemaSendable(to model: ModelConfig) throws(InputError) {
        guard let schema, model.sendsSchema else { return }
        do {
            try schema.checkObjectRoot()
            switch model.provider {
            case .openai, .azureOpenAI: try schema.checkOpenAIStrict()
            case .gemini, .vertex: _ = try schema.geminiSchema()
            default: break
            }
        } catch {
            throw InputError(
                file: file, field: "output.\(error.path)",
                message: "\(error.reason); model \(model.id) (\(model.provider.rawValue)) sends this schema with structured outputs"
            )
        }
    }
}

extension PromptVersion {
    /// The schema `model` sends with this prompt: the prompt's, when the model has `structured_output: true`.
    public func schema(sentBy model: ModelConfig) -> ResponseSchema? {
        model.sendsSchema ? schema : nil
    }
}
