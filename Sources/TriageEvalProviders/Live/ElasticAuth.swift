import Foundation

/// How requests to Elasticsearch authenticate.
public enum ElasticAuth: Sendable {
    /// `Authorization: ApiKey <encoded>` (the `encoded` value of `POST /_security/api_key`).
    case apiKey(Secret)
    /// `Authorization: Basic base64(user:password)`.
    case basic(username: String, password: Secret)

    /// The `Authorization` header's credentials (after the scheme): the API key, or `base64(user:password)`.
    var credentials: String {
        switch self {
        case .apiKey(let key): key.value
        case .basic(let username, let password): Data("\(username):\(password.value)".utf8).base64EncodedString()
        }
    }

    var header: HTTPHeader {
        switch self {
        case .apiKey: HTTPHeader("Authorization", "ApiKey \(credentials)")
        case .basic: HTTPHeader("Authorization", "Basic \(credentials)")
        }
    }
}
