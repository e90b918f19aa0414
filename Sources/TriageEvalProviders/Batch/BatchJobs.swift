/// Finds a model's batch service, behind the same secret boundary as its provider.
public enum BatchJobs {
    /// The batch service of `provider` (as ``ProviderFactory/make(_:directory:configFile:environment:logger:transport:)``
    /// built it), or nil when its API has none (Bedrock, Vertex, Ollama, Elastic, offline models).
    public static func make(for provider: any ModelProvider) -> (any BatchJobProvider)? {
        guard let redacting = provider as? RedactingProvider else { return nil }
        let jobs: any BatchJobProvider
        switch redacting.base {
        case let base as OpenAIProvider: jobs = OpenAIBatchJobs(flavor: .openAI(base))
        case let base as AzureOpenAIProvider: jobs = OpenAIBatchJobs(flavor: .azure(base))
        case let base as AnthropicProvider: jobs = AnthropicBatchJobs(provider: base)
        case let base as GeminiProvider: jobs = GeminiBatchJobs(provider: base)
        default: return nil
        }
        return RedactingBatchJobs(base: jobs, redactor: redacting.redactor)
    }
}

/// A batch service whose every error has the model's secrets redacted (see ``RedactingProvider``), item errors included.
struct RedactingBatchJobs: BatchJobProvider {
    let base: any BatchJobProvider
    let redactor: SecretRedactor

    var maxRequestsPerBatch: Int { base.maxRequestsPerBatch }

    func submit(_ items: [BatchRequestItem]) async throws(ProviderError) -> BatchSubmission {
        do { return try await base.submit(items) } catch { throw redactor.redact(error) }
    }

    func status(of batch: BatchSubmission) async throws(ProviderError) -> BatchStatus {
        do {
            var status = try await base.status(of: batch)
            status.failure = status.failure.map { redactor.redact($0) }
            status.inline = status.inline.map(redact)
            return status
        } catch { throw redactor.redact(error) }
    }

    func results(of batch: BatchSubmission, status: BatchStatus) async throws(ProviderError) -> [String: BatchItemOutcome] {
        do { return redact(try await base.results(of: batch, status: status)) } catch { throw redactor.redact(error) }
    }

    private func redact(_ outcomes: [String: BatchItemOutcome]) -> [String: BatchItemOutcome] {
        outcomes.mapValues { outcome in
            switch outcome {
            case .answered: outcome
            case .failed(let error): .failed(redactor.redact(error))
            case .retry(let reason): .retry(redactor.redact(reason))
            }
        }
    }
}
