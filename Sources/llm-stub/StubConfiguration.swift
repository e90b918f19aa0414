/// Everything that shapes the stub's answers, validated from the command line.
struct StubConfiguration: Sendable {
    var answers: AnswerSource = .heuristic(HeuristicMemo())
    /// Delay before every model-route answer.
    var latencyMilliseconds = 0
    /// Probability that a model-route request gets a fault.
    var faultRate = 0.0
    /// The faults to choose from, uniformly.
    var faults: [Fault] = Fault.allCases
    /// Seeds the fault sequence.
    var seed: UInt64 = 1
    /// The `retry-after` header value on every other injected 429.
    var retryAfter = "1"
    /// How long a `timeout` fault waits before answering.
    var timeoutMilliseconds = 30_000
    /// When set, every model-route request gets exactly this reply.
    var fixedReply: FixedReply?
    /// When set, every model-route request gets a 401 in its route's error format echoing its credentials.
    var echoAuth = false
    /// When set, a model request that carries no JSON schema (structured outputs) gets a 400.
    var requireSchema = false
    /// `--hold-after`: model requests after this many wait until `POST /release` (``RequestHold``).
    var holdAfter: Int?
    /// The batch endpoints' delay, expiry and partial errors.
    var batch = StubBatchSettings()
}
