internal import TriageEval

/// The `heuristic` model: the exception-list baseline (see ``HeuristicTriage``; identity-similarity
/// prompts get a `true`/`false` verdict from ``HeuristicIdentity``), answering in the prompt's declared format. Deterministic and free; it is the floor a real model must beat.
public struct HeuristicProvider: ModelProvider {
    public init() {}

    public func complete(_ request: CompletionRequest) async throws(ProviderError) -> CompletionResponse {
        if let text = HeuristicJSONAnswer.answer(request) { return CompletionResponse(text: text) }
        let assessment = HeuristicIdentity.assess(request.prompt) ?? HeuristicTriage.assess(request.prompt)
        let text = AnswerFormatter.format(
            verdict: assessment.verdict, confidence: assessment.confidence, summary: assessment.summary, spec: request.output
        )
        return CompletionResponse(text: text)
    }
}
