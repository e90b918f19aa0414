/// Turns a model's answer into an ``Evaluation``: strict and lenient parses, and the rule's decision on each.
public struct AnswerEvaluator: Sendable {
    let strict: StrictParser
    let lenient: LenientParser
    let policy: AlertPolicy

    /// Prepares the parsers for a prompt. Its pattern was validated when it loaded.
    public init(prompt: PromptVersion) throws(DissectPatternError) {
        strict = try StrictParser(spec: prompt.output)
        lenient = LenientParser(spec: prompt.output)
        policy = prompt.decision
    }

    /// Evaluates an answer. A refusal is a parse failure with status `refused`; it never alerts.
    public func evaluate(_ text: String, refused: Bool = false) -> Evaluation {
        let strictAnswer: ParsedAnswer
        let lenientAnswer: ParsedAnswer
        if refused {
            strictAnswer = .failure(.refused)
            lenientAnswer = .failure(.refused)
        } else {
            strictAnswer = strict.parse(text)
            lenientAnswer = lenient.parse(text)
        }
        return Evaluation(
            response: text, strict: strictAnswer, lenient: lenientAnswer,
            alert: policy.alerts(strictAnswer), lenientAlert: policy.alerts(lenientAnswer)
        )
    }
}
