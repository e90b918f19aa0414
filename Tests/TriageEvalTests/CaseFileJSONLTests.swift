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

    /// The direct reading of plain JSON values (``CaseFileParser/plainCase(_:)``) must never accept a line the field
    /// checks refuse, nor read one differently: every field of two base lines set to awkward values (and removed),
    /// each line read both ways.
    @Test func plainJSONValuesReadAsTheFieldChecksReadThem() throws {
        let structured: [(String, String)] = [
            ("id", #""p-1""#), ("label", #""TP""#), ("scenario", #""S""#), ("tags", #"["t"]"#), ("entity", #"{"name":"WS-1","type":"host","id":"i"}"#),
            ("alert_count", "3"), ("time_window_minutes", "0"), ("max_risk_score", "47"), ("rules", #"["R \"1\" / é"]"#),
            ("command_lines", #"["a\\b\tc \"q\""]"#), ("source", #""s""#), ("notes", "null"),
        ]
        let summary: [(String, String)] = [("id", #""p-2""#), ("label", #""FP""#), ("scenario", #""S""#), ("alert_summary", #""x""#), ("rules", "[]")]
        let values = [
            "null", #""""#, #""  ""#, "0", "-0", "-1", "1.5", "1e3", "1E+2", "-2.5e-3", "99999999999999999999", "1e999", "true", "[]", #"["a"]"#,
            #"["a",1]"#, "[null]", "[[]]", "{}", #""TP""#, #""FP""#, #""x y""#, #""a""#, #""5""#, #""2026-01-01T00:00:00Z""#, #""\u0000 \" \/""#,
            #"{"type":"host","name":"h"}"#, #"{"type":"user","name":"u","id":null}"#, #"{"type":"user","name":" "}"#,
            #"{"type":"host","name":"h","x":1}"#, #"{"type":"robot","name":"h"}"#, #"{"type":"host","name":"h","name":"i"}"#,
        ]
        let keys = CaseFileParser.allowedKeys.sorted() + ["bogus"]
        var lines: [String] = []
        for base in [structured, summary] {
            for key in keys {
                lines.append("{" + base.filter { $0.0 != key }.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
                for value in values {
                    var members = base.filter { $0.0 != key }
                    members.append((key, value))
                    lines.append("{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
                }
            }
        }
        var plain = 0
        for line in lines {
            let fast = JSONValue.parseDocument(line).flatMap(CaseFileParser.plainCase)
            let checked = try? CaseFileParser.read(Self.asYAMLList(line), file: "x.yaml")
            if let fast {
                plain += 1
                #expect(checked == CaseFileParser.Contents(cases: [fast], drafts: []), "\(line)")
            }
        }
        // The direct reading is the common path, not a corner: it read both base lines and many variants.
        for base in [structured, summary] {
            let line = "{" + base.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
            #expect(JSONValue.parseDocument(line).flatMap(CaseFileParser.plainCase) != nil, "\(line)")
        }
        #expect(plain > 100)
        #expect(lines.count > 2000)
    }
}
