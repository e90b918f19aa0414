/// One model-route request as it arrived, for `GET /requests`.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var query: String
    /// Lowercased header names; repeated headers joined with `, `.
    var headers: [(String, String)]
    var body: String

    var json: JSONOut {
        .object([
            ("method", .string(method)),
            ("path", .string(path)),
            ("query", .string(query)),
            ("headers", .object(headers.map { ($0.0, .string($0.1)) })),
            ("body", .string(body)),
        ])
    }
}
