import Foundation
import StubTestSupport
import Testing

/// Elasticsearch's own csv-spec tests (`Tests/Fixtures/esql/csv-spec/`, copied from elastic/elasticsearch)
/// that run on `ROW` alone: each is run and its table compared exactly. The tests that pass are listed in
/// `csv-spec-passing.txt`; any of them failing is a regression. Prints passed/skipped/failed per file and
/// the reason for each test not passing (set `ESQL_CSV_SPEC_PASSING` to a path to write the current list).
@Suite struct CsvSpecConformanceTests {
    static let files = [
        "completion", "conditional", "date", "date_trunc", "dissect", "floats", "grok", "inlinestats", "ints", "kql-function",
        "mv_expand", "null", "stats", "stats_count_distinct", "string",
    ]

    @Test func rowOnlyTestsPassAsListed() async throws {
        let listed = Set(
            String(decoding: try TestFixtures.data("esql/csv-spec-passing.txt"), as: UTF8.self).split(separator: "\n").map(String.init)
        )
        var passing: [String] = []
        var summary = ""
        var reasons = ""
        for file in Self.files {
            let name = "\(file).csv-spec"
            let tests = CsvSpecTest.parse(String(decoding: try TestFixtures.data("esql/csv-spec/\(name)"), as: UTF8.self), file: name)
            var counts = (row: 0, passed: 0, skipped: 0, failed: 0)
            for test in tests {
                let outcome = await CsvSpecRunner.run(test)
                if outcome == .skipped("reads an index") || outcome == .skipped("marked -Ignore upstream") { continue }
                counts.row += 1
                let key = "\(name)\t\(test.name)"
                switch outcome {
                case .passed:
                    counts.passed += 1
                    passing.append(key)
                case .skipped(let reason):
                    counts.skipped += 1
                    reasons += "\(name)\t\(test.name)\tskipped\t\(reason)\n"
                case .failed(let reason):
                    counts.failed += 1
                    reasons += "\(name)\t\(test.name)\tfailed\t\(reason)\n"
                }
                if listed.contains(key) { #expect(outcome == .passed, "\(test.location): \(outcome)") }
            }
            summary += "\(name)\tROW-only \(counts.row)\tpassed \(counts.passed)\tskipped \(counts.skipped)\tfailed \(counts.failed)\n"
        }
        print("csv-spec conformance (ROW-only tests)\n" + summary + reasons)
        #expect(passing.count >= listed.count)
        if let path = ProcessInfo.processInfo.environment["ESQL_CSV_SPEC_PASSING"] {
            try (passing.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
