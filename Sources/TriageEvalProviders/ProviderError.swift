/// A provider failure, classified for the retry layer.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the call failed; reports count errors by cause.
    public enum Cause: String, Sendable, Hashable {
        case rateLimited = "rate_limited"
        case server
        case timeout
        case transport
        case auth
        case badRequest = "bad_request"
        case quota
        case notFound = "not_found"
        case badResponse = "bad_response"
        case missingAnswer = "missing_answer"
        case configuration
    }

    public var cause: Cause
    /// One clear line for the user.
    public var message: String
    /// Whether retrying can help.
    public var retryable: Bool
    /// A server-supplied wait before retrying, in seconds.
    public var retryAfter: Double?

    public init(_ cause: Cause, _ message: String, retryable: Bool = false, retryAfter: Double? = nil) {
        self.cause = cause
        self.message = message
        self.retryable = retryable
        self.retryAfter = retryAfter
    }

    public var description: String { "\(cause.rawValue): \(message)" }
}
