internal import Foundation

/// One model-route request as it arrived, for `GET /requests`.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var query: String
    /// Lowercased header names; repeated headers joined with `, `.
    var headers: [(String, String)]
    var body: String

    /// Every credential the request carried, as an API that echoes them would show them: the values of
    /// `authorization`, `x-api-key`, `api-key`, `x-goog-api-key`, `x-amz-security-token`, a `key` query
    /// parameter, and a Basic credential decoded to `user:password`.
    var credentials: String {
        let names: Set<String> = ["authorization", "x-api-key", "api-key", "x-goog-api-key", "x-amz-security-token"]
        var values = headers.filter { names.contains($0.0) }.map(\.1)
        for value in values where value.hasPrefix("Basic ") {
            if let data = Data(base64Encoded: String(value.dropFirst(6))) { values.append(String(decoding: data, as: UTF8.self)) }
        }
        values += URLComponents(string: "?" + query)?.queryItems?.filter { $0.name == "key" }.compactMap(\.value) ?? []
        return values.isEmpty ? "none" : values.joined(separator: ", ")
    }

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
