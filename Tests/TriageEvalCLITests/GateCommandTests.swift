import Foundation
import StubTestSupport
import Testing

@Suite("gate, compare, report and results export commands", .boundedResources)
struct GateCommandTests {
    static func policy(_ text: String, in directory: URL) async throws -> String {
        let path = directory.appendingPathComponent("policy-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("each failing check exits 1 and names itself; a passing policy exits 0", arguments: [
        ("min_precision: 0.7", "min_precision"),
        ("min_recall: 0.7", "min_recall"),
        ("max_fpr: 0.3", "max_fpr"),
        ("max_parse_failure_rate: 0.1", "max_parse_failure_rate"),
        ("max_ece: 0.01", "max_ece"),
    ])
    func failingCheck(policy: String, check: String) async throws {
        let directory = try await GateWorkspace.make()
        let file = try await Self.policy(policy, in: directory)
        let result = try await CLI.run(["gate", "--model", "mixed", "--policy", file], in: directory)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let failures = result.stdout.split(separator: "\n").filter { $0.hasPrefix("FAIL") }
        #expect(failures.count == 1)
        #expect(failures.first?.contains("mini@v1 × mixed  \(check):") == true, "\(failures)")
        // The same policy loosened passes.
        let loose = try await Self.policy("min_precision: 0.6\nmin_recall: 0.6\nmax_fpr: 0.34\nmax_parse_failure_rate: 0.17\nmax_ece: 0.5", in: directory)
        let pass = try await CLI.run(["gate", "--model", "mixed", "--policy", loose], in: directory)
        #expect(pass.status == 0, "\(pass.stdout)\(pass.stderr)")
        #expect(pass.stdout.contains("gate passed (9 checks)"))  // run_complete, max_error_rate, five metrics, two zero-tolerance
    }

    @Test("zero-tolerance cases fail the gate; the default policy comes from the config")
    func zeroTolerance() async throws {
        let directory = try await GateWorkspace.make()
        let result = try await CLI.run(["gate", "--model", "bad"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  mini@v1 × bad  must_alert: 1 failing (= 0)  — 1 of 1 must-alert cases did not alert (flaky: majority): a1"))
        #expect(result.stdout.contains("FAIL  mini@v1 × bad  must_not_alert: 1 failing"))
        #expect(result.stdout.contains("PASS  mini@v1 × bad  min_precision"))  // from the config's gate: block
        let markdown = try String(contentsOfFile: directory.appendingPathComponent("reports/gate-run-1.md").path, encoding: .utf8)
        #expect(markdown.contains("| **FAIL** | mini@<!-- -->v1 × bad | must_alert | 1 failing | = 0 |"))
    }

    @Test("against a baseline: a significant regression and a recall drop fail")
    func baseline() async throws {
        let directory = try await GateWorkspace.make()
        let file = try await Self.policy("significance: 0.6\nmax_recall_drop: 0.1", in: directory)
        let result = try await CLI.run(["gate", "--model", "mixed", "--baseline", "good", "--policy", file], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  mini@v1 × mixed  significance: p = 0.5000 (no worse with p < 0.6)"))
        #expect(result.stdout.contains("FAIL  mini@v1 × mixed  max_recall_drop: 0.333 (≤ 0.1)"))
        let lenient = try await Self.policy("significance: 0.05\nmax_recall_drop: 0.34", in: directory)
        #expect(try await CLI.run(["gate", "--model", "mixed", "--baseline", "1:mini@v1/good", "--policy", lenient], in: directory).status == 0)
    }

    @Test("a bad policy exits 2 naming the file and key", arguments: [
        ("min_recal: 0.9", "min_recal"),
        ("min_recall: 1.5", "min_recall"),
        ("flaky: sometimes", "flaky"),
    ])
    func badPolicy(policy: String, key: String) async throws {
        let directory = try await GateWorkspace.make()
        let file = try await Self.policy(policy, in: directory)
        let result = try await CLI.run(["gate", "--policy", file], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains(file))
        #expect(result.stderr.contains(key))
    }

    @Test("unknown selections are usage errors")
    func unknown() async throws {
        let directory = try await GateWorkspace.make()
        #expect(try await CLI.run(["gate", "--model", "nope"], in: directory).status == 2)
        #expect(try await CLI.run(["gate", "--baseline", "nope@v9"], in: directory).status == 2)
        #expect(try await CLI.run(["compare", "mini@v1", "mini@v1"], in: directory).status == 2)  // mini@v1 alone matches three models
        #expect(try await CLI.run(["compare", "7", "good"], in: directory).status == 2)  // no run 7
    }

    @Test("compare prints McNemar, the bootstrap and the flipped cases; the same seed gives the same text")
    func compare() async throws {
        let directory = try await GateWorkspace.make()
        let result = try await CLI.run(["compare", "good", "mixed", "--seed", "7"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Basis: sample 0 of each case answered on both sides — 6 paired cases (3 attacks, 3 benign)."))
        #expect(result.stdout.contains("McNemar exact, overall: b = 2 (base right, candidate wrong), c = 0 (base wrong, candidate right), p = 0.5000."))
        #expect(result.stdout.contains("**Attacks: the candidate misses 1 attack the base caught and catches 0 the base missed"))
        #expect(result.stdout.contains("| **regressed** | a2 | TP | alert ✓ | no alert ✗ |"))
        #expect(result.stdout.contains("| **regressed** | b2 | FP | no alert ✓ | alert ✗ |"))
        #expect(result.stdout.contains("seed 7"))
        #expect(try await CLI.run(["compare", "good", "mixed", "--seed", "7"], in: directory).stdout == result.stdout)
        let html = try await CLI.run(["compare", "good", "mixed", "--format", "html"], in: directory)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
    }

    @Test("report writes HTML and JUnit with the hostile command line inert; results export gives every row")
    func reportAndExport() async throws {
        let directory = try await GateWorkspace.make()
        let report = try await CLI.run(["report", "--format", "html,junit,md"], in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: directory.appendingPathComponent("reports/latest.html").path, encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(html.contains("ran: cmd.exe /c echo &lt;script&gt;alert(1)&lt;/script&gt; &lt;/td&gt; | x |"))
        let markdown = try String(contentsOfFile: directory.appendingPathComponent("reports/latest.md").path, encoding: .utf8)
        #expect(!markdown.contains("<script") && !markdown.contains("</td>"))
        let junit = try String(contentsOfFile: directory.appendingPathComponent("reports/latest.junit.xml").path, encoding: .utf8)
        #expect(junit.contains("tests=\"18\" failures=\"4\""))
        let csv = try await CLI.run(["results", "export", "--format", "csv"], in: directory)
        #expect(csv.status == 0)
        #expect(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 18)
        let jsonl = try await CLI.run(["results", "export", "--run", "1", "--format", "jsonl"], in: directory)
        #expect(jsonl.stdout.split(separator: "\n").count == 18)
    }
}
