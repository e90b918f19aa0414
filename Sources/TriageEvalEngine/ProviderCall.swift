internal import Foundation
public import Logging
public import TriageEval
public import TriageEvalProviders

/// One model's call path, the only place requests are sent and retried: the model's
/// requests-per-minute limit, the engine's per-request deadline (`timeout_s`) and the retry policy,
/// for one prompt (``complete(_:)``) or a batch in one request (``completeBatch(_:)``).
public struct ProviderCall: Sendable {
    public var model: ModelConfig
    public var provider: any ModelProvider
    public var retry: RetryPolicy
    public var logger: Logger
    let limiter: RateLimiter?

    /// - Parameter retry: defaults to the model's `max_retries`.
    public init(model: ModelConfig, provider: any ModelProvider, retry: RetryPolicy? = nil, logger: Logger) {
        self.model = model
        self.provider = provider
        self.retry = retry ?? RetryPolicy(maxRetries: model.maxRetries)
        self.logger = logger
        limiter = model.rpm.map { RateLimiter(rpm: $0) }
    }

    /// Sends `request` until it is answered or the retry policy gives up.
    public func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse {
        let provider = provider
        return try await send(label: "\(model.id) \(request.caseID)#\(request.sample)") { () async throws(ProviderError) in
            try await provider.complete(request)
        }
    }

    /// Sends `requests` as one batch (one rate-limit slot, one deadline for the whole request) until it is
    /// answered or the retry policy gives up. Answers come in request order, one per request.
    public func completeBatch(_ requests: [CompletionRequest]) async throws(ProviderError) -> [CompletionResponse] {
        guard let batcher = provider as? any BatchModelProvider else {
            throw ProviderError(.configuration, "model \(model.id): provider \(model.provider.rawValue) cannot batch requests")
        }
        let model = model
        let label = "\(model.id) batch of \(requests.count) from \(requests.first.map { "\($0.caseID)#\($0.sample)" } ?? "nothing")"
        return try await send(label: label) { () async throws(ProviderError) -> [CompletionResponse] in
            let answers = try await batcher.completeBatch(requests)
            guard answers.count == requests.count else {
                throw ProviderError(.badResponse, "\(model.id): \(answers.count) answers for a batch of \(requests.count)", retryable: true)
            }
            return answers
        }
    }

    /// One request through the retry policy: each attempt waits for the rate limit and runs under the
    /// per-request deadline (`timeout_s`).
    func send<Answer: Sendable>(label: String, _ attempt: @escaping @Sendable () async throws(ProviderError) -> Answer) async throws(ProviderError) -> Answer {
        let timeout = model.timeoutSeconds
        return try await retry.run(onRetry: { error, retry, wait in
            logger.debug("retry \(retry) of \(label) in \(String(format: "%.2f", wait))s after \(error)")
        }) { () async throws(ProviderError) -> Answer in
            if let limiter { await limiter.acquire() }
            logger.trace("call \(label)")
            return try await Deadline.run(seconds: timeout, attempt)
        }
    }
}
