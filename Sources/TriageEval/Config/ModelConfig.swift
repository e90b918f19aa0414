/// One model entry of `triage-eval.yaml`: what to call and how hard.
///
/// Secrets never appear here: only the *names* of environment variables that hold them.
public struct ModelConfig: Sendable, Codable, Hashable, Identifiable {
    /// Generation parameters sent to the API where it supports them.
    public struct Parameters: Sendable, Codable, Hashable {
        public var temperature: Double?
        public var maxTokens: Int?
        public var seed: Int?
        public var topP: Double?

        public init(temperature: Double? = nil, maxTokens: Int? = nil, seed: Int? = nil, topP: Double? = nil) {
            self.temperature = temperature
            self.maxTokens = maxTokens
            self.seed = seed
            self.topP = topP
        }

        enum CodingKeys: String, CodingKey {
            case temperature, seed
            case maxTokens = "max_tokens"
            case topP = "top_p"
        }
    }

    /// USD per million tokens.
    public struct Price: Sendable, Codable, Hashable {
        public var inputPerMTok: Double
        public var outputPerMTok: Double
        /// The share taken off for requests answered through the provider's batch API (`batch_discount: 0.5` =
        /// half price, as OpenAI, Azure global batch, Anthropic and Gemini charge); nil: no discount.
        public var batchDiscount: Double?

        public init(inputPerMTok: Double, outputPerMTok: Double, batchDiscount: Double? = nil) {
            self.inputPerMTok = inputPerMTok
            self.outputPerMTok = outputPerMTok
            self.batchDiscount = batchDiscount
        }

        /// USD for these tokens: the one price function (run counters, `--max-cost`, dry runs and reports);
        /// `batch`: answered through a provider batch API, at the batch discount.
        public func usd(inputTokens: Int, outputTokens: Int, batch: Bool = false) -> Double {
            let full = (Double(inputTokens) * inputPerMTok + Double(outputTokens) * outputPerMTok) / 1_000_000
            return batch ? full * (1 - (batchDiscount ?? 0)) : full
        }

        enum CodingKeys: String, CodingKey {
            case inputPerMTok = "input_per_mtok"
            case outputPerMTok = "output_per_mtok"
            case batchDiscount = "batch_discount"
        }
    }

    /// The name used on the command line and in reports.
    public var id: String
    public var provider: ProviderKind
    /// The provider's model name (e.g. `gpt-4o-mini`).
    public var model: String?
    /// Endpoint base URL (OpenAI-compatible servers, Elasticsearch, Ollama, Azure resource).
    public var baseURL: String?
    /// Name of the environment variable holding the API key.
    public var apiKeyEnv: String?
    /// Replay: the JSONL file of recorded answers.
    public var path: String?
    /// Provider-specific settings (deployment, api_version, region, inference_id, …), as written.
    public var options: [String: String]
    public var params: Parameters
    /// In-flight requests for this model.
    public var concurrency: Int
    /// Optional requests-per-minute cap.
    public var rpm: Int?
    public var maxRetries: Int
    public var timeoutSeconds: Double
    public var price: Price?
    /// Consecutive failed evaluations after which the model is stopped (0: never); nil means
    /// ``defaultCircuitBreaker``.
    public var circuitBreaker: Int?
    /// Prompts per request for a provider that batches (`esql-completion`); nil means the provider's
    /// ``ProviderKind/maxBatchSize``.
    public var batchSize: Int?
    /// `structured_output: true`: send the prompt's JSON schema (`output.schema`) with the provider's structured
    /// outputs. Nil (not written) and false send none.
    public var structuredOutput: Bool?

    /// Whether the model sends a prompt's schema.
    public var sendsSchema: Bool { structuredOutput == true }

    /// Send this model's prompts through its provider's batch API (`batch_api: true`; `run --batch-api` for all);
    /// nil means no.
    public var batchAPI: Bool?

    /// The circuit breaker threshold when the config sets none.
    public static let defaultCircuitBreaker = 10

    /// Prompts sent per request: `batch_size`, else the provider's maximum, else 1.
    public var effectiveBatchSize: Int { batchSize ?? provider.maxBatchSize ?? 1 }

    public init(
        id: String, provider: ProviderKind, model: String? = nil, baseURL: String? = nil, apiKeyEnv: String? = nil,
        path: String? = nil, options: [String: String] = [:], params: Parameters = Parameters(), concurrency: Int = 8,
        rpm: Int? = nil, maxRetries: Int = 4, timeoutSeconds: Double = 60, price: Price? = nil, circuitBreaker: Int? = nil,
        batchSize: Int? = nil
    ) {
        self.id = id
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.path = path
        self.options = options
        self.params = params
        self.concurrency = concurrency
        self.rpm = rpm
        self.maxRetries = maxRetries
        self.timeoutSeconds = timeoutSeconds
        self.price = price
        self.circuitBreaker = circuitBreaker
        self.batchSize = batchSize
    }

    enum CodingKeys: String, CodingKey {
        case id, provider, model, path, options, params, concurrency, rpm, price
        case baseURL = "base_url"
        case apiKeyEnv = "api_key_env"
        case maxRetries = "max_retries"
        case timeoutSeconds = "timeout_s"
        case circuitBreaker = "circuit_breaker"
        case batchSize = "batch_size"
        case structuredOutput = "structured_output"
        case batchAPI = "batch_api"
    }
}
