/// Hides credentials from anything a person may read (debug logs, error messages).
public enum HeaderRedaction {
    /// Headers whose values are secrets, lowercased.
    public static let secretHeaders: Set<String> = [
        "authorization", "proxy-authorization", "api-key", "x-api-key", "x-goog-api-key", "x-amz-security-token",
    ]

    public static let placeholder = "<redacted>"

    /// `headers` with every secret value replaced by ``placeholder``.
    public static func redacted(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        headers.map { secretHeaders.contains($0.name.lowercased()) ? HTTPHeader($0.name, placeholder) : $0 }
    }
}
