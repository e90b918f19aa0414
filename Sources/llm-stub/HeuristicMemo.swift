internal import Synchronization
internal import TriageEval
internal import TriageEvalProviders

/// The `heuristic` answers already given, by prompt text. ``HeuristicTriage`` is deterministic, and
/// benchmarks and repeated runs send the same prompts again and again, so each distinct prompt is
/// assessed once. Bounded: the memo starts afresh when it reaches ``capacity`` prompts.
final class HeuristicMemo: Sendable {
    static let capacity = 4096

    private let answers = Mutex<[String: String]>([:])

    /// `verdict=… confidence=… summary=…` for `prompt`, in the default (ES|QL rule) output format.
    func answer(for prompt: String) -> String {
        if let known = answers.withLock({ $0[prompt] }) { return known }
        let assessment = HeuristicTriage.assess(prompt)
        let answer = AnswerFormatter.format(
            verdict: assessment.verdict, confidence: assessment.confidence, summary: assessment.summary, spec: .esqlTriage
        )
        answers.withLock { answers in
            if answers.count >= Self.capacity { answers.removeAll(keepingCapacity: true) }
            answers[prompt] = answer
        }
        return answer
    }
}
