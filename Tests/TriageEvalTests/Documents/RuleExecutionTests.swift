import Foundation
import Testing
@testable import TriageEval
import EsqlEngine

/// A rule's whole query over documents: windows, accounting of what never reaches the model, row keys, prompts.
@Suite struct RuleExecutionTests {
    static func rule(_ body: String, from: String = "now-10m") throws -> DetectionRule {
        let toml = """
            [rule]
            name = "test rule"
            rule_id = "t-1"
            from = "\(from)"
            interval = "5m"
            query = '''
            \(body)
            '''
            """
        return try DetectionRule(toml: toml, file: "t.toml")
    }

    static let curlRule = """
        FROM logs-test-*
        | WHERE process.name == "curl"
        | STATS n = COUNT(*), cmds = VALUES(cmd) BY host.name
        | LIMIT 3
        | EVAL prompt = CONCAT("host ", host.name, " ran ", TO_STRING(n))
        | COMPLETION answer = prompt WITH { "inference_id": "x" }
        | DISSECT answer \"\"\"verdict=%{v} confidence=%{c} summary=%{s}\"\"\"
        | WHERE v == "TP"
        """

    static func doc(_ host: String, minute: Int, process: String = "curl", cmd: String = "curl x", index: String = "logs-test-default") -> CaseDocument {
        CaseDocument(
            index: index, id: "\(host)-\(minute)",
            source: #"{"@timestamp":"2026-01-01T00:\#(minute < 10 ? "0" : "")\#(minute):00Z","host":{"name":"\#(host)"},"process.name":"\#(process)","cmd":"\#(cmd)"}"#
        )
    }

    @Test func limitCutsRowsAndEachRowIsOneCall() throws {
        let documents = (1...5).map { Self.doc("h\($0)", minute: $0) } + [Self.doc("h1", minute: 6), Self.doc("h9", minute: 7, index: "other-index")]
        let execution = try RuleExecution(rule: try Self.rule(Self.curlRule), documents: documents)
        // One second after the case's latest document (the other index's, at 00:07).
        #expect(execution.now == EsqlValue.parseDate("2026-01-01T00:07:01Z"))
        #expect(execution.documentsRead == 6)
        #expect(execution.rows.map(\.key) == ["host.name=h1", "host.name=h2", "host.name=h3"])
        #expect(execution.rows.map(\.prompt) == ["host h1 ran 2", "host h2 ran 1", "host h3 ran 1"])
        #expect(execution.cutByLimit == 2)
        #expect(execution.cutByCap == 0)
        #expect(execution.notJudgedReason == nil)
        #expect(execution.steps.map(\.rowsOut) == [6, 5, 3, 3])
    }

    @Test func theLookBackWindowEndsAtExecutedAt() throws {
        let documents = [Self.doc("h1", minute: 1), Self.doc("h2", minute: 20), Self.doc("h3", minute: 25)]
        let execution = try RuleExecution(rule: try Self.rule(Self.curlRule), documents: documents, executedAt: "2026-01-01T00:24:00Z")
        // [00:14, 00:24]: only h2's document.
        #expect(execution.documentsRead == 1)
        #expect(execution.documentsOutsideWindow == 2)
        #expect(execution.rows.map(\.key) == ["host.name=h2"])
    }

    @Test func noRowNamesTheCommandThatDroppedTheLast() throws {
        let documents = [Self.doc("h1", minute: 1, process: "wget"), Self.doc("h2", minute: 2, process: "wget")]
        let execution = try RuleExecution(rule: try Self.rule(Self.curlRule), documents: documents)
        #expect(execution.rows.isEmpty)
        #expect(execution.notJudgedReason == #"`WHERE process.name == "curl"` (query line 2) dropped every remaining row"#)
        let elsewhere = try RuleExecution(rule: try Self.rule(Self.curlRule), documents: [Self.doc("h1", minute: 1, index: "other")])
        #expect(elsewhere.notJudgedReason == "no document in the rule's indices (FROM logs-test-*)")
    }

    @Test func completionCapsRowsAtOneHundred() throws {
        let body = Self.curlRule.replacingOccurrences(of: "| LIMIT 3\n", with: "")
        let documents = (0..<150).map { Self.doc(String(format: "h%03d", $0), minute: $0 % 10) }
        let execution = try RuleExecution(rule: try Self.rule(body), documents: documents)
        #expect(execution.rows.count == 100)
        #expect(execution.cutByCap == 50)
        #expect(execution.cutByLimit == 0)
        #expect(execution.rows.last?.key == "host.name=h099")
    }

    @Test func nullPromptSendsNothingAndMultiValuedPromptIsJoinedWithNewlines() throws {
        let body = """
            FROM logs-test-*
            | STATS cmds = VALUES(cmd) BY host.name
            | COMPLETION answer = cmds WITH { "inference_id": "x" }
            | DISSECT answer \"\"\"verdict=%{v} confidence=%{c} summary=%{s}\"\"\"
            """
        let documents = [Self.doc("h1", minute: 1, cmd: "curl a"), Self.doc("h1", minute: 2, cmd: "curl b"), Self.doc("h2", minute: 3, cmd: "curl c")]
        let execution = try RuleExecution(rule: try Self.rule(body), documents: documents)
        #expect(execution.rows.map(\.prompt) == ["curl a\ncurl b", "curl c"])

        let nullBody = """
            FROM logs-test-*
            | STATS n = COUNT(*) BY host.name, tag
            | EVAL prompt = CONCAT("n=", TO_STRING(n), tag)
            | COMPLETION answer = prompt WITH { "inference_id": "x" }
            | DISSECT answer \"\"\"verdict=%{v} confidence=%{c} summary=%{s}\"\"\"
            """
        let silent = try RuleExecution(rule: try Self.rule(nullBody), documents: documents)
        // No document has `tag`: the BY key and the prompt are null.
        #expect(silent.rows.map(\.key) == ["host.name=h1, tag=null", "host.name=h2, tag=null"])
        #expect(silent.judged.isEmpty)
        #expect(silent.nullPrompts == 2)
        #expect(silent.notJudgedReason == "the COMPLETION prompt is null on every row (nothing is sent)")
    }

    @Test func theTailDecidesOnTheRow() throws {
        let rule = RulePrompt(rule: try Self.rule(Self.curlRule))
        let documents = [Self.doc("h1", minute: 1)]
        let row = try #require(try RuleExecution(rule: rule.rule, documents: documents).rows.first)
        #expect(try rule.keeps(answer: "verdict=TP confidence=0.9 summary=x", row: row.row))
        #expect(try !rule.keeps(answer: "verdict=FP confidence=0.9 summary=x", row: row.row))
        #expect(try !rule.keeps(answer: "no format", row: row.row))
    }
}
