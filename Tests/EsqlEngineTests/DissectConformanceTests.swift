import Testing
import EsqlEngine

@Suite("DISSECT conformance with Elasticsearch's specification tests")
struct DissectConformanceTests {
    @Test("every vector gives the expected map, no match or pattern error", arguments: try DissectVector.all())
    func vector(_ vector: DissectVector) throws {
        switch vector.outcome {
        case .patternError:
            #expect(throws: DissectPatternError.self) {
                try DissectPattern(vector.pattern, appendSeparator: vector.appendSeparator ?? "")
            }
        case .noMatch:
            let pattern = try DissectPattern(vector.pattern, appendSeparator: vector.appendSeparator ?? "")
            #expect(pattern.match(vector.input) == nil)
        case .match:
            let pattern = try DissectPattern(vector.pattern, appendSeparator: vector.appendSeparator ?? "")
            #expect(pattern.match(vector.input) == vector.expected)
        }
    }

    @Test("the fixture holds all 38 vectors")
    func count() throws {
        #expect(try DissectVector.all().count == 38)
    }
}
