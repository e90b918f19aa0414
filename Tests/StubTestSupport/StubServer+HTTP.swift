public import Foundation
#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

/// A plain HTTP exchange with the stub, as a test sees it.
public struct StubResponse: Sendable {
    public let status: Int
    /// Header names lowercased.
    public let headers: [String: String]
    public let body: Data

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object, or nil when it is not one.
    public var json: [String: any Sendable]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: any Sendable]
    }
}

/// `GET /stats`: model-route requests counted by the status sent.
public struct StubStats: Sendable, Decodable, Equatable {
    public let requests: Int
    public let byStatus: [String: Int]

    public init(requests: Int, byStatus: [String: Int]) {
        self.requests = requests
        self.byStatus = byStatus
    }

    enum CodingKeys: String, CodingKey {
        case requests
        case byStatus = "by_status"
    }
}

/// One entry of `GET /requests`.
public struct StubRecordedRequest: Sendable, Decodable, Equatable {
    public let method: String
    public let path: String
    public let query: String
    /// Lowercased header names.
    public let headers: [String: String]
    public let body: String
}

extension StubServer {
    /// A session that never goes through a proxy and never caches.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.connectionProxyDictionary = [:]
        configuration.timeoutIntervalForRequest = 30
        return URLSession(configuration: configuration)
    }()

    /// Sends `body` to `path` (which may carry a query) with `method` and extra headers.
    public func send(
        _ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> StubResponse {
        guard let url = URL(string: baseURL + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return StubResponse(status: http.statusCode, headers: fields, body: data)
    }

    /// POSTs a JSON object (serialized with sorted keys) to `path`.
    public func post(_ path: String, json object: [String: Any], headers: [String: String] = [:]) async throws -> StubResponse {
        let body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return try await send("POST", path, body: body, headers: headers)
    }

    /// `GET /stats`.
    public func stats() async throws -> StubStats {
        try JSONDecoder().decode(StubStats.self, from: try await send("GET", "/stats").body)
    }

    /// `GET /requests`: the last 200 model-route requests, oldest first.
    public func requests() async throws -> [StubRecordedRequest] {
        try JSONDecoder().decode([StubRecordedRequest].self, from: try await send("GET", "/requests").body)
    }

    /// `POST /reset`: clears stats and recorded requests.
    public func reset() async throws {
        _ = try await send("POST", "/reset")
    }
}
