import Foundation
import Testing
import TriageEval
import TriageEvalProviders
@testable import TriageEvalEngine

/// Counts attempts across the retry loop.
actor AttemptCounter {
    private(set) var count = 0

    func next() -> Int {
        count += 1
        return count
    }
}

@Suite("RetryPolicy")
struct RetryPolicyTests {
    static let retryable = ProviderError(.server, "503", retryable: true)

    @Test("non-retryable errors are never retried", arguments: [ProviderError.Cause.auth, .badRequest, .quota, .missingAnswer])
    func nonRetryable(cause: ProviderError.Cause) {
        #expect(RetryPolicy(maxRetries: 5).delay(after: ProviderError(cause, "no"), attempt: 1) == nil)
    }

    @Test("maxRetries 0 means one attempt")
    func noRetries() {
        #expect(RetryPolicy(maxRetries: 0).delay(after: Self.retryable, attempt: 1) == nil)
    }

    @Test("gives up after maxRetries")
    func givesUp() {
        let policy = RetryPolicy(maxRetries: 2)
        #expect(policy.delay(after: Self.retryable, attempt: 2) != nil)
        #expect(policy.delay(after: Self.retryable, attempt: 3) == nil)
    }

    @Test("honours retry-after, capped at maxDelay")
    func retryAfter() {
        let policy = RetryPolicy(maxRetries: 3, baseDelay: 0.5, maxDelay: 30)
        #expect(policy.delay(after: ProviderError(.rateLimited, "429", retryable: true, retryAfter: 7), attempt: 1) == 7)
        #expect(policy.delay(after: ProviderError(.rateLimited, "429", retryable: true, retryAfter: 0), attempt: 2) == 0)
        #expect(policy.delay(after: ProviderError(.rateLimited, "429", retryable: true, retryAfter: 120), attempt: 1) == 30)
    }

    @Test("backs off exponentially with jitter in [half, full]")
    func exponentialBackoff() throws {
        let policy = RetryPolicy(maxRetries: 10, baseDelay: 0.5, maxDelay: 4)
        for _ in 0..<50 {
            let first = try #require(policy.delay(after: Self.retryable, attempt: 1))
            #expect(first >= 0.25 && first <= 0.5)
            let third = try #require(policy.delay(after: Self.retryable, attempt: 3))
            #expect(third >= 1.0 && third <= 2.0)
            let tenth = try #require(policy.delay(after: Self.retryable, attempt: 10))
            #expect(tenth <= 4)
        }
    }

    @Test("run retries a retryable error exactly maxRetries times, then throws it")
    func runRetriesExactly() async throws {
        let counter = AttemptCounter()
        let policy = RetryPolicy(maxRetries: 3, baseDelay: 0.001, maxDelay: 0.002)
        let error = await #expect(throws: ProviderError.self) {
            try await policy.run { () async throws(ProviderError) -> String in
                _ = await counter.next()
                throw Self.retryable
            }
        }
        #expect(error == Self.retryable)
        #expect(await counter.count == 4)
    }

    @Test("run stops retrying at the first success")
    func runSucceeds() async throws {
        let counter = AttemptCounter()
        let policy = RetryPolicy(maxRetries: 5, baseDelay: 0.001, maxDelay: 0.002)
        let value = try await policy.run { () async throws(ProviderError) -> String in
            let attempt = await counter.next()
            if attempt < 3 { throw ProviderError(.timeout, "slow", retryable: true, retryAfter: 0) }
            return "answer \(attempt)"
        }
        #expect(value == "answer 3")
        #expect(await counter.count == 3)
    }

    @Test("run makes one attempt for a non-retryable error")
    func runNonRetryable() async throws {
        let counter = AttemptCounter()
        let error = await #expect(throws: ProviderError.self) {
            try await RetryPolicy(maxRetries: 4, baseDelay: 0.001).run { () async throws(ProviderError) -> Int in
                _ = await counter.next()
                throw ProviderError(.auth, "401")
            }
        }
        #expect(error?.cause == .auth)
        #expect(await counter.count == 1)
    }
}

@Suite("CacheKey")
struct CacheKeyTests {
    static let model = ModelConfig(
        id: "gpt", provider: .openai, model: "gpt-4o-mini", baseURL: "https://api.example.com/v1", apiKeyEnv: "OPENAI_API_KEY",
        options: ["api_version": "2024-06-01"], params: .init(temperature: 0, maxTokens: 256, seed: 7, topP: 1)
    )
    static let prompt = "Host WS-1 ran: certutil.exe -urlcache. Answer: verdict=<v> confidence=<c> summary=<s>"

    @Test("the same inputs give the same 64-hex key")
    func stable() {
        let key = CacheKey.make(model: Self.model, prompt: Self.prompt, sample: 0)
        #expect(key == CacheKey.make(model: Self.model, prompt: Self.prompt, sample: 0))
        #expect(key.count == 64)
        #expect(key.allSatisfy { $0.isHexDigit })
    }

    @Test("settings that do not change the answer do not change the key")
    func irrelevantSettings() {
        var other = Self.model
        other.id = "renamed"
        other.concurrency = 1
        other.maxRetries = 0
        other.timeoutSeconds = 5
        other.apiKeyEnv = "OTHER_KEY"
        other.price = .init(inputPerMTok: 1, outputPerMTok: 2)
        #expect(CacheKey.make(model: other, prompt: Self.prompt, sample: 2) == CacheKey.make(model: Self.model, prompt: Self.prompt, sample: 2))
    }

    @Test("sample, prompt text, parameters, model and endpoint each change the key")
    func differences() {
        let base = CacheKey.make(model: Self.model, prompt: Self.prompt, sample: 0)
        #expect(CacheKey.make(model: Self.model, prompt: Self.prompt, sample: 1) != base)
        #expect(CacheKey.make(model: Self.model, prompt: Self.prompt + " ", sample: 0) != base)
        #expect(CacheKey.make(model: Self.model, prompt: "host ws-1 ran: certutil.exe -urlcache. answer: verdict=<v> confidence=<c> summary=<s>", sample: 0) != base)

        var variants: [ModelConfig] = []
        var temperature = Self.model
        temperature.params.temperature = 0.2
        variants.append(temperature)
        var maxTokens = Self.model
        maxTokens.params.maxTokens = 512
        variants.append(maxTokens)
        var seed = Self.model
        seed.params.seed = nil
        variants.append(seed)
        var topP = Self.model
        topP.params.topP = 0.9
        variants.append(topP)
        var name = Self.model
        name.model = "gpt-4o"
        variants.append(name)
        var endpoint = Self.model
        endpoint.baseURL = "https://other.example.com/v1"
        variants.append(endpoint)
        var provider = Self.model
        provider.provider = .azureOpenAI
        variants.append(provider)
        var option = Self.model
        option.options["api_version"] = "2025-01-01"
        variants.append(option)

        let keys = variants.map { CacheKey.make(model: $0, prompt: Self.prompt, sample: 0) }
        #expect(keys.allSatisfy { $0 != base })
        #expect(Set(keys).count == variants.count)
    }
}
