import Foundation
import Testing

/// Locates files under `Tests/Fixtures` by walking up from this source file.
enum ParsingFixtures {
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
}

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
        try JSONDecoder().decode([DissectVector].self, from: ParsingFixtures.data("dissect_conformance.json"))
    }
}
