/// A live provider behind the secret boundary: every ``ProviderError`` leaving it has the secrets its
/// model read (keys, tokens, passwords, defaults included) redacted, so an API that echoes a key in its
/// error body ("Incorrect API key provided: sk-…") cannot put it into the engine, the store, a report,
/// a log or the terminal. ``ProviderFactory`` wraps every live provider in one.
public struct RedactingProvider: ModelProvider {
    public let base: any ModelProvider
    public let redactor: SecretRedactor

    public init(_ base: any ModelProvider, redactor: SecretRedactor) {
        self.base = base
        self.redactor = redactor
    }

    public func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse {
        do { return try await base.complete(request) } catch { throw redactor.redact(error) }
    }
}

/// ``RedactingProvider`` for a provider that batches, so the engine still sees a ``BatchModelProvider``.
public struct RedactingBatchProvider: BatchModelProvider {
    public let base: any BatchModelProvider
    public let redactor: SecretRedactor

    public init(_ base: any BatchModelProvider, redactor: SecretRedactor) {
        self.base = base
        self.redactor = redactor
    }

    public var maxBatchSize: Int { base.maxBatchSize }

    public func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse {
        do { return try await base.complete(request) } catch { throw redactor.redact(error) }
    }

    public func completeBatch(_ requests: [CompletionRequest]) async throws(ProviderError) -> [CompletionResponse] {
        do { return try await base.completeBatch(requests) } catch { throw redactor.redact(error) }
    }
}
