public import TriageEval

/// How a model's configuration differs from the one a run recorded, for `run --resume`.
public enum ModelConfigChange {
    /// The changes that alter answers (`provider`, `model`, `params`, `path`, provider options other than
    /// credential variable names), as `model "a" → "b"`; empty when answers would come from the same setup.
    public static func changes(from recorded: ModelConfig, to today: ModelConfig) -> [String] {
        var changes: [String] = []
        func note(_ name: String, _ old: String?, _ new: String?) {
            if old != new { changes.append("\(name) \(old.map { "\"\($0)\"" } ?? "unset") → \(new.map { "\"\($0)\"" } ?? "unset")") }
        }
        note("provider", recorded.provider.rawValue, today.provider.rawValue)
        note("model", recorded.model, today.model)
        note("path", recorded.path, today.path)
        note("params.temperature", recorded.params.temperature.map { "\($0)" }, today.params.temperature.map { "\($0)" })
        note("params.max_tokens", recorded.params.maxTokens.map { "\($0)" }, today.params.maxTokens.map { "\($0)" })
        note("params.seed", recorded.params.seed.map { "\($0)" }, today.params.seed.map { "\($0)" })
        note("params.top_p", recorded.params.topP.map { "\($0)" }, today.params.topP.map { "\($0)" })
        note("structured_output", recorded.sendsSchema ? "true" : nil, today.sendsSchema ? "true" : nil)
        for key in Set(recorded.options.keys).union(today.options.keys).sorted() where !key.hasSuffix("_env") {
            note(key, recorded.options[key], today.options[key])
        }
        return changes
    }

    /// `recorded` with today's connection settings: endpoint, credential variable names, concurrency, rate,
    /// retries, timeout, circuit breaker, batch size and batch API (none of which changes an answer). The price stays
    /// as recorded, so the run's cost has one price.
    public static func connection(of today: ModelConfig, onto recorded: ModelConfig) -> ModelConfig {
        var config = recorded
        config.baseURL = today.baseURL
        config.apiKeyEnv = today.apiKeyEnv
        for (key, value) in today.options where key.hasSuffix("_env") { config.options[key] = value }
        for key in recorded.options.keys where key.hasSuffix("_env") && today.options[key] == nil { config.options[key] = nil }
        config.concurrency = today.concurrency
        config.rpm = today.rpm
        config.maxRetries = today.maxRetries
        config.timeoutSeconds = today.timeoutSeconds
        config.circuitBreaker = today.circuitBreaker
        config.batchSize = today.batchSize
        config.batchAPI = today.batchAPI
        return config
    }
}
