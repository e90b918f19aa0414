import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

@Suite("JSON report written in pieces")
struct JSONReportStreamTests {
    /// Case ids an attacker chooses: JSON's escapes, a slash, line separators, a control character before a
    /// placeholder-like name, and the placeholder's own text without its nonce.
    static let hostileIDs = [
        #"quote"inside"#, #"back\slash"#, "slash/p.exe", "tab\there", "line\u{2028}sep", "\u{1}triage-eval-list-", "\u{1}",
        "nul\u{0}byte", "émoji 🦊", ",", "",
    ]

    /// 2,600 benign cases answered TP with confidence 0.9 (false alarms), tagged `must-not-alert` every third;
    /// 1,100 attacks answered FP (missed); ids hostile or numbered.
    static func analysis() throws -> RunAnalysis {
        let evaluator = try reportEvaluator()
        let alarm = evaluator.evaluate("verdict=TP confidence=0.9 summary=x")
        let quiet = evaluator.evaluate("verdict=FP confidence=0.9 summary=x")
        var results: [StoredResult] = []
        for index in 0..<2_600 {
            let id = index < hostileIDs.count ? hostileIDs[index] : "benign-\(index)"
            results.append(storedResult(id, label: .fp, scenario: "s/\(index % 3)", evaluation: alarm, revisionID: Int64(index + 1), tags: index % 3 == 0 ? ["must-not-alert"] : []))
        }
        for index in 0..<1_100 {
            results.append(storedResult("attack-\(index)", label: .tp, scenario: "a", evaluation: quiet, revisionID: Int64(10_000 + index)))
        }
        var run = runInfo(planned: results.count)
        run.plan.caseRevisions = results.map(\.key.caseRevisionID)
        return RunAnalysis(run: run, results: results.sorted { $0.caseID < $1.caseID }, thresholds: ["host-triage@v1": 0.7])
    }

    /// The document with its lists in place, encoded whole by one `JSONEncoder` pass as the report was before.
    static func encodedWhole(_ analysis: RunAnalysis) throws -> Data {
        var lists = JSONSplices()
        var document = JSONReport.document(analysis, lists: &lists)
        document.run.plan.caseRevisions = analysis.run.plan.caseRevisions
        for (index, group) in analysis.groups.enumerated() {
            document.results[index].summary.missedAttacks = group.caseSummary.missedAttacks.map(\.caseID)
            document.results[index].summary.falseAlarms = group.caseSummary.falseAlarms.map(\.caseID)
            document.results[index].summary.mustAlertFailures = group.caseSummary.mustAlertFailures.map(\.caseID)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .throw
        return try encoder.encode(document) + Data("\n".utf8)
    }

    @Test("Issue 15: the pieces are the bytes one encoder pass over the whole document gives, hostile case ids included")
    func piecesEqualTheWholeEncoding() throws {
        let analysis = try Self.analysis()
        let summary = try #require(analysis.groups.first?.caseSummary)
        // Lists longer than one batch of a thousand, and one shorter.
        #expect(summary.falseAlarms.count == 2_600)
        #expect(summary.missedAttacks.count == 1_100)
        #expect(summary.mustAlertFailures.count == 867)
        #expect(analysis.run.plan.caseRevisions.count == 3_700)

        var pieces: [String] = []
        try JSONReport.write(analysis) { pieces.append($0) }
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.hasSuffix("\n") })
        let written = Data(pieces.joined().utf8)
        #expect(written == (try Self.encodedWhole(analysis)))

        // And it reads back: every hostile id in the false alarms, in order, the revisions all there.
        let json = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        let falseAlarms = try #require((results.first?["summary"] as? [String: Any])?["false_alarms"] as? [String])
        #expect(Set(Self.hostileIDs).isSubset(of: Set(falseAlarms)))
        #expect(falseAlarms == summary.falseAlarms.map(\.caseID))
        let plan = try #require((json["run"] as? [String: Any])?["plan"] as? [String: Any])
        #expect((plan["case_revisions"] as? [Int])?.count == 3_700)
    }

    @Test("Issue 15: empty lists are written as the encoder writes them")
    func emptyLists() throws {
        let evaluator = try reportEvaluator()
        let right = evaluator.evaluate("verdict=FP confidence=0.9 summary=x")
        // Every case right: no missed attack, false alarm or must-alert failure.
        let results = [
            storedResult("a", label: .fp, scenario: "S", evaluation: right, revisionID: 1),
            storedResult("b", label: .fp, scenario: "S", evaluation: right, revisionID: 2),
        ]
        let analysis = RunAnalysis(run: runInfo(planned: 2), results: results, thresholds: ["host-triage@v1": 0.7])
        let written = try JSONReport.data(analysis)
        #expect(written == (try Self.encodedWhole(analysis)))
        #expect(String(decoding: written, as: UTF8.self).contains(#""false_alarms" : ["#))
    }
}
