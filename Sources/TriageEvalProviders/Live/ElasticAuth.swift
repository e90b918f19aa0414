import Foundation

/// How requests to Elasticsearch authenticate.
public enum ElasticAuth: Sendable {
    /// `Authorization: ApiKey <encoded>` (the `encoded` value of `POST /_security/api_key`).
    case apiKey(Secret)
    /// `Authorization: Basic base64(user:password)`.
    case basic(username: String, password: Secret)

    var header: HTTPHeader {
        switch self {
        case .apiKey(let key): HTTPHeader("Authorization", "ApiKey \(key.value)")
        case .basic(let username, let password):
            HTTPHeader("Authorization", "Basic \(Data("\(username):\(password.value)".utf8).base64EncodedString())")
        }
    }
}
