/// How a model's answer fared against the prompt's declared output format.
///
/// Anything but ``ok`` is a parse failure: it never alerts, exactly as in production,
/// where a failed `DISSECT` leaves every key null and the rule's `WHERE` drops the row.
public enum ParseStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// Verdict and confidence were extracted and are valid.
    case ok
    /// The pattern did not match (a preamble, a code fence, a missing delimiter…).
    case noMatch = "no_match"
    /// The verdict is not one of the prompt's declared verdicts (under its case rule).
    case invalidVerdict = "invalid_verdict"
    /// The confidence is missing or `TO_DOUBLE` of it is null.
    case invalidConfidence = "invalid_confidence"
    /// The model returned no text (or only whitespace).
    case empty
    /// The provider reported a refusal or a content filter.
    case refused

    /// Whether the status counts as a parse failure.
    public var isFailure: Bool { self != .ok }
}
