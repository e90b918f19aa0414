import Foundation
import StubTestSupport
import Testing
@testable import TriageEval

/// `.jsonl` case files are read line by line as JSON; they must yield exactly what reading the same file as the
/// YAML list `- LINE` per line (how every `.jsonl` file was read before) yields: the same cases, drafts and errors.
@Suite struct CaseFileJSONLTests {
    static func fixture() throws -> String {
        String(decoding: try TestFixtures.data("cases-jsonl/mixed.jsonl"), as: UTF8.self)
    }

    /// The file as the YAML list it was read as before: "- " before each non-blank line, line numbers kept.
    static func asYAMLList(_ jsonl: String) -> String {
        jsonl.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.allSatisfy(\.isWhitespace) ? "" : "- " + $0 }.joined(separator: "\n")
    }

    @Test func readsTheSameCasesAsTheYAMLReading() throws {
        let text = try Self.fixture()
        let read = try CaseFileParser.read(text, file: "cases/mixed.jsonl")
        let before = try CaseFileParser.read(Self.asYAMLList(text), file: "cases/mixed.yaml")
        #expect(read == before)
        #expect(read.cases.map(\.id) == ["lsass-01", "user-01", "curl-01", "flow-01", "sccm-01"])
        #expect(read.drafts == ["draft-01"])
        // Values read by hand from the fixture's text.
        let lsass = try #require(read.cases.first)
        #expect(lsass.commandLines == [#"rundll32.exe C:\windows\System32\comsvcs.dll, MiniDump 624 C:\Temp\x.dmp full"#, #"cmd.exe /c "echo café / café""#])
        #expect(lsass.maxRiskScore == 99.5)
        #expect(lsass.entity == Entity(type: .host, name: "WS-01", id: "abc"))
        #expect(read.cases[1].alertSummary == "Users: a \"quoted\" \\ name\tand a tab\nsecond line")
        #expect(read.cases[2].documents?.count == 1)
        #expect(read.cases[2].rowLabels?.first?.match.map(\.value) == ["status.corp.example.com", "8080"])
        #expect(read.cases[3].alertSummary == "written as a YAML flow mapping, not JSON")
        #expect(read.cases[4].alertCount == 0)
        #expect(read.cases.map(\.contentHash) == before.cases.map(\.contentHash))
    }

    @Test func crlfLinesReadAsLFLines() throws {
        let text = try Self.fixture()
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(crlf != text)
        #expect(try CaseFileParser.read(crlf, file: "cases/mixed.jsonl") == CaseFileParser.read(text, file: "cases/mixed.jsonl"))
        let bad = crlf + #"{"id":"x","label":"maybe","scenario":"s","alert_summary":"a"}"# + "\r\n"
        let thrown = #expect(throws: InputError.self) { try CaseFileParser.read(bad, file: "cases/mixed.jsonl") }
        #expect(thrown?.line == 9)
        #expect(thrown?.field == "cases[6].label")
    }

    @Test(arguments: [
        #"{"id":"x","label":"maybe","scenario":"s","alert_summary":"a"}"#,
        #"{"id":"x y","label":"TP","scenario":"s","alert_summary":"a"}"#,
        #"{"id":"x","label":"TP","scenario":"s","alert_summary":"a","bogus":1}"#,
        #"{"id":"x","label":"TP","scenario":"s","entity":{"type":"host","name":"h"},"alert_count":1.5,"time_window_minutes":1,"max_risk_score":1,"rules":["r"]}"#,
        #"{"id":"x","label":"TP","scenario":"s","entity":{"type":"host","name":"h"},"alert_count":1,"time_window_minutes":1,"max_risk_score":1e999,"rules":["r"]}"#,
        #"{"id":"x","label":"TP","scenario":"s","entity":{"type":"robot","name":"h"},"alert_count":1,"time_window_minutes":1,"max_risk_score":1,"rules":["r"]}"#,
        #"{"id":"x","label":"TP","scenario":"s","entity":{"type":"host","name":"h"},"alert_count":1,"time_window_minutes":1,"max_risk_score":1}"#,
        #"{"id":"x","label":"TP","scenario":"s","tags":["a",null],"alert_summary":"a"}"#,
        #"{"id":"x","label":"TP","scenario":"s","documents":[1]}"#,
        #"{"id":"x","label":"TP","scenario":"s","alert_summary":"a","rules":["r"]}"#,
        #"{"id":"x","label":"","scenario":"s","alert_summary":"a"}"#,
        #"{"id":"sccm-01","label":"TP","scenario":"s","alert_summary":"a"}"#,
        #"{"id":"x","label":"TP","label":"FP","scenario":"s","alert_summary":"a"}"#,
        #"{"id":"x" "label":"TP"}"#,
        #"[1, 2]"#,
        #""just a string""#,
    ])
    func aBadLineFailsAsInTheYAMLReading(_ bad: String) throws {
        let text = #"{"alert_count":0,"entity":{"name":"WS-02","type":"host"},"id":"sccm-01","label":"FP","max_risk_score":47,"rules":["R"],"scenario":"SCCM","time_window_minutes":5}"#
            + "\n\n" + bad + "\n"
        let thrown = #expect(throws: InputError.self) { try CaseFileParser.read(text, file: "cases/bad.jsonl") }
        let before = #expect(throws: InputError.self) { try CaseFileParser.read(Self.asYAMLList(text), file: "cases/bad.jsonl.yaml") }
        #expect(thrown?.file == "cases/bad.jsonl")
        #expect(thrown?.line == 3)
        #expect(thrown?.line == before?.line)
        #expect(thrown?.field == before?.field)
        #expect(thrown?.message == before?.message)
    }
}
