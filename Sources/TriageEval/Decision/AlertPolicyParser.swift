/// Reads a `decision:` block (in a prompt's front matter or in `triage-eval.yaml`).
enum AlertPolicyParser {
    static let keys: Set<String> = ["alert_verdicts", "verdict_case", "min_confidence"]

    static func parse(_ map: YAMLMapping, defaults: AlertPolicy) throws(InputError) -> AlertPolicy {
        try map.checkKeys(keys)
        var policy = defaults
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
