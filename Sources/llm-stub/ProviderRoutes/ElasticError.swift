/// Elasticsearch's error envelope, shared by the inference and ES|QL routes:
/// `{"error": {"root_cause": [{"type", "reason"}], "type", "reason"}, "status": N}`.
enum ElasticError {
    static func body(status: Int, type: String, reason: String) -> JSONOut {
        let cause: [(String, JSONOut)] = [("type", .string(type)), ("reason", .string(reason))]
        return .object([
            ("error", .object([("root_cause", .array([.object(cause)]))] + cause)),
            ("status", .int(status)),
        ])
    }

    /// The envelope for `failure`; `badRequestType` names the 400's exception (it differs per API).
    static func body(for failure: StubFailure, badRequestType: String) -> JSONOut {
        func status(_ kind: String, _ message: String) -> String {
            "Received a\(kind) status code for request from inference entity id [llm-stub] status [\(failure.status)]. "
                + "Error message: [\(message)]"
        }
        return switch failure {
        case .rateLimited:
            body(status: 429, type: "status_exception", reason: status(" rate limit", "Rate limit reached (llm-stub injected fault)"))
        case .serverError:
            body(status: 500, type: "status_exception", reason: status(" server error", "Internal server error"))
        case .unavailable:
            body(status: 503, type: "status_exception", reason: status(" server error", "Service unavailable"))
        case .overloaded:
            body(status: 529, type: "status_exception", reason: status(" server error", "Overloaded"))
        case .badRequest(let message, let errorType):
            body(status: 400, type: errorType ?? badRequestType, reason: message)
        case .notFound(let message):
            body(status: 404, type: "resource_not_found_exception", reason: message)
        case .unauthorized(let message):
            body(status: 401, type: "security_exception", reason: message)
        }
    }
}
