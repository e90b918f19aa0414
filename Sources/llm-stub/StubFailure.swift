/// An error response the stub sends, written by each wire format in its provider's error shape.
enum StubFailure: Error, Sendable, Equatable {
    /// 429 rate limit.
    case rateLimited
    /// 500 internal error.
    case serverError
    /// 503 service unavailable.
    case unavailable
    /// 529 overloaded.
    case overloaded
    /// 400: the request is malformed or lacks the prompt. `errorType` names the exception for
    /// formats that have several (Elasticsearch's `parsing_exception`, `verification_exception`).
    case badRequest(String, errorType: String? = nil)
    /// 404: no recorded answer for the prompt.
    case notFound(String)
    /// 401: the credentials were rejected (`--echo-auth` puts them in the message, as some APIs do).
    case unauthorized(String)

    var status: Int {
        switch self {
        case .rateLimited: 429
        case .serverError: 500
        case .unavailable: 503
        case .overloaded: 529
        case .badRequest: 400
        case .notFound: 404
        case .unauthorized: 401
        }
    }

    /// The failure an injected status fault sends; nil for the faults that are not an error status.
    init?(_ fault: Fault) {
        switch fault {
        case .rateLimited: self = .rateLimited
        case .serverError: self = .serverError
        case .unavailable: self = .unavailable
        case .overloaded: self = .overloaded
        case .timeout, .drop, .garbage, .empty: return nil
        }
    }
}
