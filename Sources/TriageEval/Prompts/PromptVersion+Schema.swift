extension PromptVersion {
    /// Refuses a schema the model would send but its provider cannot take: Gemini's and Vertex AI's
    /// `responseSchema` accepts a subset of JSON Schema (``ResponseSchema/geminiSchema()``).
    func checkSchemaSendable(to model: ModelConfig) throws(InputError) {
        guard let schema, model.sendsSchema, model.provider == .gemini || model.provider == .vertex else { return }
        do {
            _ = try schema.geminiSchema()
        } catch {
            throw InputError(
                file: file, field: "output.\(error.path)",
                message: "\(error.reason); model \(model.id) (\(model.provider.rawValue)) sends the schema as responseSchema"
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
