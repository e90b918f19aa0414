import Foundation
import StubTestSupport
import Testing
@testable import TriageEval

/// One CPython vector: whether `json.loads(text)` succeeds and, if so, `json.dumps` of its value.
private struct LoadsVector: Decodable, Sendable {
    let text: String
    let accepted: Bool
    let dumped: String?
}

private struct LoadsFile: Decodable {
    let vectors: [LoadsVector]
}

@Suite("Strict JSON = CPython's json.loads")
struct PythonJSONLoadsTests {
    @Test("accept/reject and the parsed value equal CPython's for every vector")
    func vectors() throws {
        let vectors = try JSONDecoder().decode(LoadsFile.self, from: TestFixtures.data("python/loads_vectors.json")).vectors
        #expect(vectors.count >= 150)
        #expect(vectors.filter(\.accepted).count >= 50 && vectors.filter { !$0.accepted }.count >= 50)
        var failures: [String] = []
        for vector in vectors {
            let value = PythonJSON.loads(vector.text)
            if vector.accepted != (value != nil) {
                failures.append("\(vector.text.debugDescription.prefix(120)): CPython \(vector.accepted ? "accepts" : "rejects")")
            } else if let value, let dumped = vector.dumped, PythonJSON.dumps(value) != dumped {
                failures.append("\(vector.text.debugDescription.prefix(120)): got \(PythonJSON.dumps(value).prefix(120)), expected \(dumped.prefix(120))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(vectors.count) differ:\n\(failures.prefix(15).joined(separator: "\n"))")
    }

    static let spec = OutputSpec(format: .json(verdictField: "verdict", confidenceField: "confidence", summaryField: "summary"))

    @Test("a JSON prompt's strict parse is json.loads: what it accepts parses, what it rejects is no_match")
    func strictParser() throws {
        let parser = try StrictParser(spec: Self.spec)
        let ok = parser.parse(" \n{\"verdict\": \"TP\", \"confidence\": 0.9, \"verdict\": \"FP\", \"summary\": \"x\"}\n")
        #expect(ok.status == .ok)
        #expect(ok.verdict == "FP")  // duplicate keys: the last wins
        #expect(ok.confidence == 0.9)
        for rejected in [
            "{\"verdict\": \"TP\", \"confidence\": 0.9,}", "```json\n{\"verdict\": \"TP\", \"confidence\": 0.9}\n```",
            "Answer: {\"verdict\": \"TP\", \"confidence\": 0.9}", "{'verdict': 'TP', 'confidence': 0.9}",
            "\u{00A0}{\"verdict\": \"TP\", \"confidence\": 0.9}", "[{\"verdict\": \"TP\", \"confidence\": 0.9}]",
        ] {
            #expect(parser.parse(rejected).status == .noMatch, "\(rejected)")
        }
        // NaN is valid JSON for Python, but TO_DOUBLE-style confidence conversion refuses it.
        let nan = parser.parse("{\"verdict\": \"TP\", \"confidence\": NaN}")
        #expect(nan.status == .invalidConfidence)
        #expect(nan.rawConfidence == "NaN")
    }

    @Test("DISSECT prompts parse as before")
    func dissectUnchanged() throws {
        let parser = try StrictParser(spec: .esqlTriage)
        let answer = parser.parse("verdict=TP confidence=0.91 summary={\"a\": NaN}")
        #expect(answer.status == .ok && answer.confidence == 0.91 && answer.summary == "{\"a\": NaN}")
    }
}
