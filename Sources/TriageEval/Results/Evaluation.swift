/// What happened when one rendered prompt was sent to one model for one case and sample.
///
/// Either the model answered (``response`` set, both parses present) or the provider failed
/// after retries (``error`` set): errors are counted apart, never silently dropped, and resumable.
public struct Evaluation: Sendable, Hashable {
    /// The raw answer text, byte-exact.
    public var response: String?
    /// The provider error after retries, one clear line.
    public var error: String?
    /// Production parse (Elasticsearch DISSECT + ES|QL semantics).
    public var strict: ParsedAnswer?
    /// Best-effort parse, to separate "wrong" from "right but badly formatted".
    public var lenient: ParsedAnswer?
    /// The rule's decision on the strict parse.
    public var alert: Bool
    /// The same decision on the lenient parse.
    public var lenientAlert: Bool
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var latencyMs: Double?
    /// Whether the answer came from the response cache.
    public var cached: Bool

    public init(
        response: String? = nil, error: String? = nil, strict: ParsedAnswer? = nil, lenient: ParsedAnswer? = nil,
        alert: Bool = false, lenientAlert: Bool = false, inputTokens: Int? = nil, outputTokens: Int? = nil,
        latencyMs: Double? = nil, cached: Bool = false
    ) {
        self.response = response
        self.error = error
        self.strict = strict
        self.lenient = lenient
        self.alert = alert
        self.lenientAlert = lenientAlert
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.latencyMs = latencyMs
        self.cached = cached
    }

    /// A provider failure after retries.
    public static func failed(_ message: String, latencyMs: Double? = nil) -> Evaluation {
        Evaluation(error: message, latencyMs: latencyMs)
    }

    public var isError: Bool { error != nil }
}
