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
    public var strict: ParsedAnswer? {
        get { parses.strict }
        set { parses = Parses(strict: newValue, lenient: parses.lenient) }
    }
    /// Best-effort parse, to separate "wrong" from "right but badly formatted".
    public var lenient: ParsedAnswer? {
        get { parses.lenient }
        set { parses = Parses(strict: parses.strict, lenient: newValue) }
    }
    /// Both parses, held by reference: a big run's reports hold 100,000 evaluations, and results read without their
    /// summaries share one box per distinct pair of parses (``init(response:error:parses:alert:lenientAlert:inputTokens:outputTokens:latencyMs:cached:)``).
    private var parses: Parses
    /// Both parses as one box (shared with every evaluation it was given to).
    public var sharedParses: Parses { parses }
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
        parses = strict == nil && lenient == nil ? Parses.none : Parses(strict: strict, lenient: lenient)
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

    /// An evaluation whose parses are the given box, which may be shared with other evaluations.
    public init(
        response: String?, error: String?, parses: Parses, alert: Bool, lenientAlert: Bool, inputTokens: Int?, outputTokens: Int?,
        latencyMs: Double?, cached: Bool
    ) {
        self.init(
            response: response, error: error, alert: alert, lenientAlert: lenientAlert, inputTokens: inputTokens, outputTokens: outputTokens,
            latencyMs: latencyMs, cached: cached
        )
        self.parses = parses
    }

    /// An immutable pair of parses; a changed parse is a new box, so evaluations keep value semantics.
    public final class Parses: Sendable, Hashable {
        public let strict: ParsedAnswer?
        public let lenient: ParsedAnswer?

        /// No parse at all (a provider error): one box shared by every such evaluation.
        public static let none = Parses(strict: nil, lenient: nil)

        public init(strict: ParsedAnswer?, lenient: ParsedAnswer?) {
            self.strict = strict
            self.lenient = lenient
        }

        public static func == (lhs: Parses, rhs: Parses) -> Bool {
            lhs === rhs || (lhs.strict == rhs.strict && lhs.lenient == rhs.lenient)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(strict)
            hasher.combine(lenient)
        }
    }
}
