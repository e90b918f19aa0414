public import EsqlEngine
/// Turns a model's answer into an ``Evaluation``: strict and lenient parses, and the rule's decision on each.
public struct AnswerEvaluator: Sendable {
    let strict: StrictParser
    let lenient: LenientParser
    let policy: AlertPolicy
    let rule: RulePrompt?
    /// `decision.where`, parsed (it was checked when the prompt loaded; a failure here is an error result).
    let condition: Result<DecisionCondition, EsqlError>?

    /// Prepares the parsers for a prompt. Its pattern was validated when it loaded.
    public init(prompt: PromptVersion) throws(DissectPatternError) {
        strict = try StrictParser(spec: prompt.output)
        lenient = LenientParser(spec: prompt.output)
        policy = prompt.decision
        rule = prompt.rule
        let fields = prompt.output.layer.fields
        condition = prompt.decision.condition.map { text in Result { () throws(EsqlError) in try DecisionCondition(text, fields: fields) } }
    }

    /// Evaluates an answer. A refusal is a parse failure with status `refused`; it never alerts.
    /// For a rule prompt the alert is the rule's own tail run on `row` (a row of the rule's execution over the
    /// case's documents) or on `item`'s ``CaseRow``, with this answer.
    public func evaluate(_ text: String, refused: Bool = false, item: TriageCase? = nil, row: EsqlRow? = nil) -> Evaluation {
        let strictAnswer: ParsedAnswer
        let lenientAnswer: ParsedAnswer
        if refused {
            strictAnswer = .failure(.refused)
            lenientAnswer = .failure(.refused)
        } else {
            strictAnswer = strict.parse(text)
            lenientAnswer = lenient.parse(text)
        }
        var evaluation = Evaluation(response: text, strict: strictAnswer, lenient: lenientAnswer)
        if let condition {
            do {
                let condition = try condition.get()
                evaluation.lenientAlert = (try? condition.alerts(lenientAnswer)) ?? false
                evaluation.alert = try condition.alerts(strictAnswer)
            } catch {
                // The condition failed on this answer's values: an error result, never a silent "no alert".
                evaluation.error = "decision_error: decision.where failed on this answer: \(error)"
            }
            return evaluation
        }
        evaluation.lenientAlert = policy.alerts(lenientAnswer)
        do {
            evaluation.alert = try decide(text, strictAnswer, refused: refused, item: item, row: row)
        } catch {
            // The rule's tail failed on this answer: an error result, never a silent "no alert".
            evaluation.error = "rule_error: the rule's tail failed on this answer: \(error)"
        }
        return evaluation
    }

    /// The rule's tail when the prompt is a rule and the case is known; else the declared policy.
    private func decide(_ text: String, _ answer: ParsedAnswer, refused: Bool, item: TriageCase?, row: EsqlRow?) throws(EsqlError) -> Bool {
        if let rule, let row {
            if refused { return false }
            return try rule.keeps(answer: text, row: row)
        }
        guard let rule, let item else { return policy.alerts(answer) }
        if refused { return false }
        return try rule.keeps(answer: text, for: item)
    }
}
