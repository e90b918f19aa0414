/// What a provider's error body says, reduced to the parts the classifier and the user need.
public struct APIErrorDetail: Sendable, Hashable {
    /// The most specific machine-readable code (`rate_limit_exceeded`, `ThrottlingException`, `RESOURCE_EXHAUSTED`).
    public var code: String?
    /// The human-readable message.
    public var message: String?
    /// A billing or spend limit: retrying cannot help.
    public var isQuota: Bool
    /// A credential problem reported under a non-auth status (Gemini's 400 `API_KEY_INVALID`).
    public var isAuth: Bool
    /// The provider says the failure is transient although its status is not (Elastic's 400 wrapping an upstream 5xx).
    public var isTransient: Bool

    public init(code: String? = nil, message: String? = nil, isQuota: Bool = false, isAuth: Bool = false, isTransient: Bool = false) {
        self.code = code
        self.message = message
        self.isQuota = isQuota
        self.isAuth = isAuth
        self.isTransient = isTransient
    }
}
