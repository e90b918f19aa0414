public import TriageEval

/// The response-cache key: provider kind, endpoint, model, generation parameters,
/// the rendered prompt and the sample index, so repeats are real repeats and any change misses.
public enum CacheKey {
    public static func make(model: ModelConfig, prompt: String, sample: Int) -> String {
        let params = model.params
        let parts: [String] = [
            model.provider.rawValue, model.baseURL ?? "", model.model ?? "",
            model.options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
            "t=\(params.temperature.map { "\($0)" } ?? "")", "m=\(params.maxTokens.map(String.init) ?? "")",
            "s=\(params.seed.map(String.init) ?? "")", "p=\(params.topP.map { "\($0)" } ?? "")",
            "sample=\(sample)", prompt,
        ]
        return SHA256Hex.of(parts.joined(separator: "\u{1F}"))
    }
}
