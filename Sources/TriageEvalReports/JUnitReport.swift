internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// JUnit XML for CI test viewers: one test suite per prompt × model, one test case per case, a failure when
/// any sample's decision is wrong and an error when the provider failed. Every data string is escaped.
public enum JUnitReport {
    public static func render(_ analysis: RunAnalysis) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0)
        for group in analysis.groups {
            let byCase = Dictionary(grouping: group.results, by: \.caseID)
            var cases = ""
            var failures = 0, errors = 0
            let classname = HTMLText.escape("\(group.prompt).\(group.model)")
            for caseID in byCase.keys.sorted() {
                let results = byCase[caseID] ?? []
                let latency = results.compactMap(\.evaluation.latencyMs).reduce(0, +) / 1000
                cases += "    <testcase classname=\"\(classname)\" name=\"\(HTMLText.escape(caseID))\" time=\"\(String(format: "%.3f", latency))\">\n"
                let errored = results.filter(\.evaluation.isError)
                let wrong = results.filter { !$0.evaluation.isError && $0.evaluation.alert != ($0.label == .tp) }
                if !wrong.isEmpty {
                    failures += 1
                    let label = results.first?.label ?? .fp
                    let message = label == .tp ? "attack not alerted" : "benign case alerted"
                    let body = wrong.map { result in
                        let strict = result.evaluation.strict
                        return "sample \(result.key.sample): parse \(strict?.status.rawValue ?? "—"), verdict \(strict?.rawVerdict ?? "—"), confidence \(strict?.rawConfidence ?? "—")\n\(group.detailed(result).evaluation.response ?? "")"
                    }.joined(separator: "\n---\n")
                    cases += "      <failure message=\"\(HTMLText.escape("\(message) (label \(label.rawValue), \(wrong.count) of \(results.count) samples wrong)"))\" type=\"wrong-decision\">\(HTMLText.escape(body))</failure>\n"
                } else if !errored.isEmpty {
                    errors += 1
                    let body = errored.map { "sample \($0.key.sample): \($0.evaluation.error ?? "")" }.joined(separator: "\n")
                    cases += "      <error message=\"provider error after retries\" type=\"provider-error\">\(HTMLText.escape(body))</error>\n"
                }
                cases += "    </testcase>\n"
            }
            totals.tests += byCase.count
            totals.failures += failures
            totals.errors += errors
            suites.append("  <testsuite name=\"\(HTMLText.escape(group.name))\" tests=\"\(byCase.count)\" failures=\"\(failures)\" errors=\"\(errors)\">\n\(cases)  </testsuite>\n")
        }
        out += "<testsuites name=\"triage-eval run \(analysis.run.id)\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\">\n"
        out += suites.joined()
        out += "</testsuites>\n"
        return out
    }
}
