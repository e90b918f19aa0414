internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// JUnit XML for CI test viewers: one test suite per prompt × model, one test case per case, a failure when
/// any sample's decision is wrong and an error when the provider failed. Every data string is escaped.
///
/// Written as it is produced (``write(_:to:)``): a run of 100,000 cases is 100,000 test cases, and the report never
/// holds them all, nor a copy of every result grouped by case (a group's results are read in case order).
public enum JUnitReport {
    /// The whole document as one string (small runs, tests).
    public static func render(_ analysis: RunAnalysis) -> String {
        var out = ""
        write(analysis) { out += $0 }
        return out
    }

    /// Hands the document to `emit` in pieces, in order: the header with the totals, then each suite's test cases.
    public static func write(_ analysis: RunAnalysis, to emit: (String) throws -> Void) rethrows {
        // Totals come first in the XML: count them without building any text.
        let counts = analysis.groups.map { group in
            var tally = (tests: 0, failures: 0, errors: 0)
            group.results.forEachRun(by: \.caseID) { results in
                tally.tests += 1
                switch verdict(results) {
                case .failure: tally.failures += 1
                case .error: tally.errors += 1
                case .pass: break
                }
            }
            return tally
        }
        let totals = counts.reduce((tests: 0, failures: 0, errors: 0)) { ($0.tests + $1.tests, $0.failures + $1.failures, $0.errors + $1.errors) }
        try emit("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        try emit("<testsuites name=\"triage-eval run \(analysis.run.id)\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\">\n")
        for (group, count) in zip(analysis.groups, counts) {
            try emit("  <testsuite name=\"\(HTMLText.escape(group.name))\" tests=\"\(count.tests)\" failures=\"\(count.failures)\" errors=\"\(count.errors)\">\n")
            let classname = HTMLText.escape("\(group.prompt).\(group.model)")
            // Cases a batch at a time: the raw answers of a batch's wrong samples are read together.
            var batch: [ArraySlice<StoredResult>] = []
            func flush() throws {
                let wrong = batch.flatMap { $0.filter(isWrong) }
                let answers = Dictionary(zip(wrong.map(\.key), group.responses(wrong).map { $0 ?? "" })) { first, _ in first }
                for results in batch {
                    try emit(testCase(results[results.startIndex].caseID, results, answers: answers, classname: classname))
                }
                batch.removeAll(keepingCapacity: true)
            }
            try group.results.forEachRun(by: \.caseID) { results in
                batch.append(results)
                if batch.count == batchSize { try flush() }
            }
            try flush()
            try emit("  </testsuite>\n")
        }
        try emit("</testsuites>\n")
    }

    /// Cases whose wrong samples' raw answers are read in one go.
    static let batchSize = 512

    enum Verdict { case pass, failure, error }

    /// An answered sample whose decision disagrees with its label.
    static func isWrong(_ result: StoredResult) -> Bool { !result.evaluation.isError && result.evaluation.alert != (result.label == .tp) }

    /// A case fails when any answered sample's decision is wrong; else it errs when a provider failed.
    static func verdict(_ results: ArraySlice<StoredResult>) -> Verdict {
        if results.contains(where: isWrong) { return .failure }
        return results.contains(where: \.evaluation.isError) ? .error : .pass
    }

    /// One `<testcase>`; a failure's body carries each wrong sample's parse and raw answer (`answers`, by result key).
    static func testCase(_ caseID: String, _ results: ArraySlice<StoredResult>, answers: [ResultKey: String], classname: String) -> String {
        let latency = results.compactMap(\.evaluation.latencyMs).reduce(0, +) / 1000
        var out = "    <testcase classname=\"\(classname)\" name=\"\(HTMLText.escape(caseID))\" time=\"\(String(format: "%.3f", latency))\">\n"
        switch verdict(results) {
        case .failure:
            let wrong = results.filter(isWrong)
            let label = results.first?.label ?? .fp
            let message = label == .tp ? "attack not alerted" : "benign case alerted"
            let body = wrong.map { result in
                let strict = result.evaluation.strict
                return "sample \(result.key.sample): parse \(strict?.status.rawValue ?? "—"), verdict \(strict?.rawVerdict ?? "—"), confidence \(strict?.rawConfidence ?? "—")\n\(answers[result.key] ?? "")"
            }.joined(separator: "\n---\n")
            out += "      <failure message=\"\(HTMLText.escape("\(message) (label \(label.rawValue), \(wrong.count) of \(results.count) samples wrong)"))\" type=\"wrong-decision\">\(HTMLText.escape(body))</failure>\n"
        case .error:
            let body = results.filter(\.evaluation.isError).map { "sample \($0.key.sample): \($0.evaluation.error ?? "")" }.joined(separator: "\n")
            out += "      <error message=\"provider error after retries\" type=\"provider-error\">\(HTMLText.escape(body))</error>\n"
        case .pass:
            break
        }
        return out + "    </testcase>\n"
    }
}
