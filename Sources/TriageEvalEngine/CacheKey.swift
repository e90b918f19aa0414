public import TriageEval

/// The response-cache key: provider kind, endpoint, model, generation parameters,
/// the rendered prompt (system and user parts) and the sample index, so repeats are real repeats and any change misses.
/// A prompt without a system part keeps the key it had before system parts existed; so does a request sent
/// without a schema (a schema sent with structured outputs is part of the key).
public enum CacheKey {
    public static func make(model: ModelConfig, prompt: String, system: String? = nil, schema: ResponseSchema? = nil, sample: Int) -> String {
        let params = model.params
        let parts: [String] = [
            model.provider.rawValue, model.baseURL ?? "", model.model ?? "",
            model.options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
            "t=\(params.temperature.map { "\($0)" } ?? "")", "m=\(params.maxTokens.map(String.init) ?? "")",
            "s=\(params.seed.map(String.init) ?? "")", "p=\(params.topP.map { "\($0)" } ?? "")",
            "sample=\(sample)",
        ] + (system.map { ["system=\($0.utf8.count):\($0)"] } ?? [])
        let sent: [String] = schema.map { ["schema=\($0.name):\($0.text)"] } ?? []
        return SHA256Hex.of((parts + sent + [prompt]).joined(separator: "\u{1F}"))
    }
}
