/// Reads a `decision:` block (in a prompt's front matter or in `triage-eval.yaml`).
enum AlertPolicyParser {
    static let keys: Set<String> = ["alert_verdicts", "verdict_case", "min_confidence"]

    /// Parses the block; `allowsCondition` admits `where` (a prompt's own decision, never the config's defaults).
    static func parse(_ map: YAMLMapping, defaults: AlertPolicy, allowsCondition: Bool = false) throws(InputError) -> AlertPolicy {
        try map.checkKeys(allowsCondition ? keys.union(["where"]) : keys)
        var policy = defaults
        if let condition = try map.string("where") {
            for key in ["alert_verdicts", "min_confidence"] where map.has(key) {
                throw map.error(key, "cannot be combined with decision.where, which decides alone")
            }
            guard !condition.isBlank else { throw map.error("where", "must not be empty") }
            policy.condition = condition
        }
        let verdicts = try map.stringList("alert_verdicts")
        if !verdicts.isEmpty { policy.alertVerdicts = verdicts }
        if let text = try map.string("verdict_case") {
            guard let verdictCase = VerdictCase(rawValue: text) else {
                throw map.error("verdict_case", "must be exact (== \"TP\") or ignore (TO_LOWER(…) == \"tp\"), got \"\(text)\"")
            }
            policy.verdictCase = verdictCase
        }
        if let threshold = try map.double("min_confidence") {
            guard (0...1).contains(threshold) else { throw map.error("min_confidence", "must lie in [0, 1] (a confidence), got \(threshold)") }
            policy.minConfidence = threshold
        }
        return policy
    }
}
