internal import TriageEval

/// The `heuristic` model: the exception-list baseline (see ``HeuristicTriage``; identity-similarity
/// prompts get a `true`/`false` verdict from ``HeuristicIdentity``), answering in the prompt's declared format. Deterministic and free; it is the floor a real model must beat.
///
/// With `credulous`, it is the `heuristic-credulous` model: the same baseline plus the documented weaknesses of
/// ``HeuristicSusceptibility``, for measuring robustness to variants offline.
public struct HeuristicProvider: ModelProvider {
    /// Whether the weaknesses of ``HeuristicSusceptibility`` apply.
    public let credulous: Bool

    public init(credulous: Bool = false) {
        self.credulous = credulous
    }

    public func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse {
        if let text = HeuristicJSONAnswer.answer(request, credulous: credulous) { return CompletionResponse(text: text) }
        let assessment = HeuristicIdentity.assess(request.prompt) ?? HeuristicTriage.assess(request.prompt, credulous: credulous)
        let text = AnswerFormatter.format(
            verdict: assessment.verdict, confidence: assessment.confidence, summary: assessment.summary, spec: request.output
        )
        return CompletionResponse(text: text)
    }
}
