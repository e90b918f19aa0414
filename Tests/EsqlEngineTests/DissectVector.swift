import Foundation
import StubTestSupport
import Testing

/// One vector of Elasticsearch's own dissect specification tests (`dissect_conformance.json`).
struct DissectVector: Decodable, Sendable, CustomTestStringConvertible {
    enum Outcome: String, Decodable, Sendable {
        case match
        case noMatch = "no_match"
        case patternError = "pattern_error"
    }

    let pattern: String
    let input: String
    let appendSeparator: String?
    let expected: [String: String]?
    let outcome: Outcome
    let source: String

    enum CodingKeys: String, CodingKey {
        case pattern, input, expected, outcome, source
        case appendSeparator = "append_separator"
    }

    var testDescription: String { source.components(separatedBy: ":").last ?? pattern }

    static func all() throws -> [DissectVector] {
        try JSONDecoder().decode([DissectVector].self, from: TestFixtures.data("dissect_conformance.json"))
    }
}
