import Foundation
import Testing
@testable import TriageEvalProviders
import TriageEval

/// Recorded provider bodies under `Tests/Fixtures/providers`, with the status and headers `index.json` gives them.
enum ProviderFixtures {
    struct NotFound: Error, CustomStringConvertible {
        let name: String
        var description: String { "fixture \(name) not found under any Tests/Fixtures above \(#filePath)" }
    }

    static func data(_ name: String) throws -> Data {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.pathComponents.count > 1 {
            let candidate = directory.appendingPathComponent("Tests/Fixtures/\(name)")
            if FileManager.default.fileExists(atPath: candidate.path) { return try Data(contentsOf: candidate) }
            directory = directory.deletingLastPathComponent()
        }
        throw NotFound(name: name)
    }

    static func path(_ name: String) throws -> String {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.pathComponents.count > 1 {
            let candidate = directory.appendingPathComponent("Tests/Fixtures/\(name)")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        throw NotFound(name: name)
    }

    struct Index: Decodable {
        struct Entry: Decodable {
            let httpStatus: Int
            let headers: [String: String]?
            enum CodingKeys: String, CodingKey {
                case httpStatus = "http_status"
                case headers
            }
        }
        let fixtures: [String: Entry]
    }

    static func index() throws -> Index {
        try JSONDecoder().decode(Index.self, from: data("providers/index.json"))
    }

    /// The fixture as an HTTP response: body, status and headers from `index.json`.
    static func response(_ name: String) throws -> HTTPResponse {
        let entry = try #require(try index().fixtures[name], "\(name) is not in index.json")
        return HTTPResponse(status: entry.httpStatus, headers: entry.headers ?? [:], body: try data("providers/\(name)"))
    }
}

/// A transport for tests that never touches the network.
struct UnusedTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws(ProviderError) -> HTTPResponse {
        throw ProviderError(.transport, "no network in unit tests")
    }
}

let samplePrompt = CompletionRequest(prompt: "Security alerts to triage: Host: ws-01 | \"quoted\" \\ back", caseID: "c1", sample: 0, output: .esqlTriage)

/// The JSON object of a request body.
func jsonObject(_ data: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// The value of a header in a request (case-insensitive), nil when absent.
func header(_ request: HTTPRequest, _ name: String) -> String? {
    request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
}
