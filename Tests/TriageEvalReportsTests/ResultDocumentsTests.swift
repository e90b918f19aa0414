import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

@Suite struct ResultDocumentsTests {
    func lines(includeResponses: Bool) throws -> [[String: Any]] {
        let evaluator = try reportEvaluator()
        let results = [
            storedResult("lsass-01", label: .tp, scenario: "LSASS", evaluation: evaluator.evaluate("verdict=TP confidence=0.9 summary=\(hostileText)")),
            storedResult("sccm-01", label: .fp, scenario: "SCCM", evaluation: evaluator.evaluate("verdict=TP confidence=0.8 summary=x"), revisionID: 2),
            storedResult("nessus-01", label: .fp, scenario: "Nessus", evaluation: .failed("timeout after 3 retries"), revisionID: 3),
        ]
        let body = try ResultDocuments.bulkBody(run: runInfo(planned: 3), results: results, index: "triage-eval-results", includeResponses: includeResponses)
        #expect(body.hasSuffix("\n"))
        return try body.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func bulkLinesPairActionsWithEcsDocuments() throws {
        let lines = try lines(includeResponses: false)
        #expect(lines.count == 6)
        let action = try #require(lines[0]["index"] as? [String: Any])
        #expect(action["_index"] as? String == "triage-eval-results")
        #expect(action["_id"] as? String == "7-1-1-1-0")
        let document = lines[1]
        #expect(document["@timestamp"] as? String == "2025-06-15T15:06:40Z")
        let triage = try #require(document["triage_eval"] as? [String: Any])
        let result = try #require(triage["result"] as? [String: Any])
        #expect(result["alert"] as? Bool == true)
        #expect(result["correct"] as? Bool == true)
        #expect(result["verdict"] as? String == "TP")
        #expect(result["confidence"] as? Double == 0.9)
        #expect(result["response"] == nil)
        #expect((triage["case"] as? [String: Any])?["label"] as? String == "TP")
        #expect((triage["run"] as? [String: Any])?["git_commit"] as? String == "0123456789abcdef")

        let falsePositive = try #require((lines[3]["triage_eval"] as? [String: Any])?["result"] as? [String: Any])
        #expect(falsePositive["alert"] as? Bool == true)
        #expect(falsePositive["correct"] as? Bool == false)
        let failed = lines[5]
        #expect((failed["event"] as? [String: Any])?["outcome"] as? String == "failure")
        #expect(((failed["triage_eval"] as? [String: Any])?["result"] as? [String: Any])?["error"] as? String == "timeout after 3 retries")
    }

    @Test func rawAnswersOnlyWhenAsked() throws {
        let with = try lines(includeResponses: true)
        let result = (with[1]["triage_eval"] as? [String: Any])?["result"] as? [String: Any]
        #expect((result?["response"] as? String)?.contains("<script>alert(1)</script>") == true)
    }

    @Test("each row of a rule's execution over a case is its own document (its row key in the id; a long key hashed)")
    func rowsOfOneCaseHaveTheirOwnIDs() throws {
        let evaluation = try reportEvaluator().evaluate("verdict=TP confidence=0.9 summary=x")
        var first = storedResult("case-1[ws-01]", label: .tp, scenario: "S", evaluation: evaluation)
        first.key.row = "ws-01"
        var second = first
        second.key.row = "ws-02"
        var long = first
        long.key.row = String(repeating: "k", count: 200)
        let body = try ResultDocuments.bulkBody(run: runInfo(planned: 3), results: [first, second, long], index: "i")
        let ids = try body.split(separator: "\n").enumerated().filter { $0.offset % 2 == 0 }.map { line in
            try #require(((try JSONSerialization.jsonObject(with: Data(line.element.utf8)) as? [String: Any])?["index"] as? [String: Any])?["_id"] as? String)
        }
        #expect(ids[0] == "7-1-1-1-0-ws-01")
        #expect(ids[1] == "7-1-1-1-0-ws-02")
        // SHA-256 of 200 × "k", computed by `printf 'k%.0s' {1..200} | sha256sum`.
        #expect(ids[2] == "7-1-1-1-0-6de3c288691037361962041f2273f381658187e426187979e0273d026ea1b946")
    }
}
