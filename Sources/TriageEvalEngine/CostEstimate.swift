public import TriageEval

/// Token estimates for `--dry-run` and `--max-cost` (prices come from ``ModelConfig/Price``).
public enum CostEstimate {
    /// Output tokens assumed when the model sets no `params.max_tokens`.
    public static let defaultOutputTokens = 64

    /// Input tokens of a prompt, estimated as UTF-8 bytes / 4 (rounded up).
    public static func inputTokens(_ prompt: String) -> Int {
        (prompt.utf8.count + 3) / 4
    }

    /// Output tokens a call may produce: the model's `max_tokens`, or ``defaultOutputTokens``.
    public static func outputTokens(_ model: ModelConfig) -> Int {
        model.params.maxTokens ?? defaultOutputTokens
    }

    /// USD for the given tokens at the model's price (``ModelConfig/Price/usd(inputTokens:outputTokens:batch:)``; 0 without a
    /// price); `batch`: through the provider's batch API.
    public static func usd(_ model: ModelConfig, inputTokens: Int, outputTokens: Int, batch: Bool = false) -> Double {
        model.price?.usd(inputTokens: inputTokens, outputTokens: outputTokens, batch: batch) ?? 0
    }

    /// The most one call of `prompt` can cost.
    public static func usd(_ model: ModelConfig, prompt: String, batch: Bool = false) -> Double {
        usd(model, inputTokens: inputTokens(prompt), outputTokens: outputTokens(model), batch: batch)
    }
}
