import Foundation
import StubTestSupport
import Testing
@testable import TriageEvalProviders
import TriageEval

/// Recorded provider bodies under `Tests/Fixtures/providers`, with the status and headers `index.json` gives them.
enum ProviderFixtures {
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
        try JSONDecoder().decode(Index.self, from: TestFixtures.data("providers/index.json"))
    }

    /// The fixture as an HTTP response: body, status and headers from `index.json`.
    static func response(_ name: String) throws -> HTTPResponse {
        let entry = try #require(try index().fixtures[name], "\(name) is not in index.json")
        return HTTPResponse(status: entry.httpStatus, headers: entry.headers ?? [:], body: try TestFixtures.data("providers/\(name)"))
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
