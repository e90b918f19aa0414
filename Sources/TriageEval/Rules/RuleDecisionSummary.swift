import EsqlEngine
/// What a rule's tail means in triage-eval's terms, for reports: the answer format (its `DISSECT`)
/// and the ``AlertPolicy`` its `WHERE` amounts to (alerting verdicts, case handling, threshold).
///
/// The alert decision itself is always the tail's own evaluation (``RulePrompt/keeps(answer:for:)``);
/// this summary drives the parse status, lenient decisions and threshold sweeps.
enum RuleDecisionSummary {
    static func derive(_ pipeline: RulePipeline, defaults: AlertPolicy) -> (OutputSpec, AlertPolicy) {
        let pattern = pipeline.answerDissect
        let keys = pattern?.outputKeys ?? []
        let verdictKey = keys.first { $0.lowercased().contains("verdict") } ?? keys.first ?? "verdict"
        let confidenceKey = keys.first { $0.lowercased().contains("confidence") } ?? "confidence"
        let summaryKey = keys.first { $0.lowercased().contains("summary") } ?? "summary"

        var literals: [String] = []
        var ignoresCase = false
        var threshold: Double?
        var comparison = ThresholdComparison.greater
        for command in pipeline.tail {
            switch command {
            case .eval(let assignments, _):
                for assignment in assignments where assignment.name == verdictKey && isCaseFolding(assignment.expression) {
                    ignoresCase = true
                }
            case .where(let condition, _):
                visit(condition) { expression in
                    switch expression {
                    case .compare(let op, let left, let right, _):
                        if left.columns.contains(verdictKey), op == .equal || op == .equalIgnoringCase, case .literal(.string(let text), _) = right {
                            literals.append(text)
                            if isCaseFolding(left) || op == .equalIgnoringCase { ignoresCase = true }
                        }
                        if op == .greater || op == .greaterOrEqual, left.columns == [confidenceKey], let number = numeric(right) {
                            threshold = number
                            comparison = op == .greaterOrEqual ? .greaterOrEqual : .greater
                        }
                    case .in(let left, let list, false, _) where left.columns.contains(verdictKey):
                        for case .literal(.string(let text), _) in list { literals.append(text) }
                        if isCaseFolding(left) { ignoresCase = true }
                    default: break
                    }
                }
            default: break
            }
        }
        var alertVerdicts: [String] = []
        for literal in literals {
            let canonical = ignoresCase ? literal.uppercased() : literal
            if !alertVerdicts.contains(canonical) { alertVerdicts.append(canonical) }
        }
        let policy = AlertPolicy(
            alertVerdicts: alertVerdicts.isEmpty ? defaults.alertVerdicts : alertVerdicts,
            verdictCase: ignoresCase ? .ignore : .exact,
            minConfidence: threshold ?? defaults.minConfidence,
            comparison: threshold == nil ? defaults.comparison : comparison
        )
        // A true/false verdict (the identity rule) has its own two-valued set.
        let boolean = !policy.alertVerdicts.isEmpty && policy.alertVerdicts.allSatisfy { ["TRUE", "FALSE"].contains($0.uppercased()) }
        var verdicts = boolean ? ["TRUE", "FALSE"] : ["TP", "FP", "SUSPICIOUS"]
        for verdict in policy.alertVerdicts where !verdicts.contains(verdict) { verdicts.append(verdict) }
        let spec = OutputSpec(
            format: .dissect(pattern: pattern?.pattern ?? "", appendSeparator: pattern?.appendSeparator ?? ""),
            verdicts: verdicts, verdictCase: policy.verdictCase,
            verdictKey: verdictKey, confidenceKey: confidenceKey, summaryKey: summaryKey
        )
        return (spec, policy)
    }

    static func isCaseFolding(_ expression: EsqlExpression) -> Bool {
        if case .call(let name, _, _) = expression { return name == "TO_LOWER" || name == "TO_UPPER" }
        return false
    }

    static func numeric(_ expression: EsqlExpression) -> Double? {
        switch expression {
        case .literal(.double(let value), _): value
        case .literal(.integer(let value), _): Double(value)
        default: nil
        }
    }

    /// Calls `body` on every node of the expression.
    static func visit(_ expression: EsqlExpression, _ body: (EsqlExpression) -> Void) {
        body(expression)
        switch expression {
        case .literal, .column, .star: break
        case .call(_, let arguments, _): arguments.forEach { visit($0, body) }
        case .compare(_, let left, let right, _), .and(let left, let right, _), .or(let left, let right, _), .arithmetic(_, let left, let right, _):
            visit(left, body)
            visit(right, body)
        case .not(let inner, _), .isNull(let inner, _, _), .like(let inner, _, _, _), .negate(let inner, _), .cast(let inner, _, _): visit(inner, body)
        case .in(let inner, let list, _, _):
            visit(inner, body)
            list.forEach { visit($0, body) }
        }
    }
}
