internal import TriageEval
internal import TriageEvalStore

extension RunAnalysis.Group {
    /// Fills in what a prompt with declared fields adds: why there is no score or sweep, the per-level figures
    /// of a categorical confidence (counted in `levels` as the results were read), and the secondary outputs scored
    /// against the cases' `expected:` values (`caseRefs` by revision row id).
    mutating func describeScore(_ declared: DeclaredOutput, policy: AlertPolicy, levels: GroupTally, caseRefs: CaseRefs) {
        if !declared.hasNumericScore {
            scoreNote = declared.confidence == nil
                ? "no numeric score: the prompt declares no confidence"
                : "no numeric score: the confidence is a category without levels mapped to numbers"
        }
        if let condition = policy.condition {
            sweepNote = scoreNote ?? "the decision is decision.where (\(condition)), not a confidence threshold"
        } else {
            sweepNote = scoreNote
        }
        if declared.hasCategoricalConfidence, let rule = declared.confidence {
            // Lowest to highest: by the levels' numbers when given, else the declared values read highest first.
            let order = rule.levels.isEmpty
                ? Array((declared.field(rule.field)?.values ?? []).reversed())
                : rule.levels.sorted { $0.probability < $1.probability }.map(\.value)
            confidenceLevels = levels.confidenceLevels(order: order)
        }
        secondary = Self.secondary(declared, results: results.lazy.filter { !$0.evaluation.isError }, caseRefs: caseRefs)
    }

    /// The prompt's secondary outputs scored over `results` against their cases' `expected:` values (`caseRefs` by
    /// revision row id): a group's answers, or a comparison's paired ones.
    static func secondary(_ declared: DeclaredOutput, results: some Sequence<StoredResult>, caseRefs: CaseRefs) -> [SecondaryMetrics] {
        declared.secondary.map { output in
            let field = declared.field(output.field)
            var pairs: [(expected: String, predicted: String?)] = []
            for result in results {
                guard let expected = caseRefs[result.key.caseRevisionID]?.expected?[output.caseField] else { continue }
                let predicted = result.evaluation.strict?.fields?[output.field]
                pairs.append((field?.normalized(expected) ?? expected, predicted))
            }
            return SecondaryMetrics(field: output.field, caseField: output.caseField, declared: field?.values ?? [], pairs: pairs)
        }
    }
}
