import TriageEval

/// Gemini and Vertex AI structured output: `generationConfig.responseMimeType: "application/json"` and
/// `responseSchema`, the prompt's schema in Gemini's OpenAPI subset (``ResponseSchema/geminiSchema()``,
/// checked when the run loads).
enum GeminiStructuredOutput {
    static let mimeType = "application/json"

    static func responseSchema(_ schema: ResponseSchema?) throws(ProviderError) -> OrderedJSON? {
        guard let schema else { return nil }
        do {
            return try schema.geminiSchema()
        } catch {
            throw ProviderError(.configuration, "the prompt's schema cannot be sent as Gemini's responseSchema: \(error)")
        }
    }
}
