/// How a rule compares the extracted verdict with its alerting verdicts.
public enum VerdictCase: String, Sendable, Codable, Hashable {
    /// `Esql.verdict == "TP"`: byte-exact, as in the first release of the rules.
    case exact
    /// `TO_LOWER(Esql.verdict) == "tp"`: case-insensitive, as in today's rules.
    case ignore

    /// Whether `raw` stands for `declared` under this rule.
    public func matches(_ raw: String, _ declared: String) -> Bool {
        switch self {
        case .exact: raw == declared
        case .ignore: raw.lowercased() == declared.lowercased()
        }
    }
}
