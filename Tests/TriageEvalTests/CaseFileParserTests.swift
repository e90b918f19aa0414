import Foundation
import Testing
@testable import TriageEval

@Suite struct CaseFileParserTests {
    static let valid = """
        - id: lsass-01
          label: TP
          scenario: LSASS
          tags: [credential-access, must-alert]
          entity: {type: host, name: WS-01, id: abc}
          alert_count: 4
          time_window_minutes: 10
          max_risk_score: 99
          rules: [LSASS Memory Dump, Credential Access via comsvcs.dll]
          command_lines: ['rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Temp\\x.dmp full']
          source: lab replay
          notes: comsvcs MiniDump of lsass
        - id: sccm-01
          label: FP
          scenario: SCCM
          entity: {type: host, name: WS-02}
          alert_count: 3
          time_window_minutes: 5
          max_risk_score: 47
          rules: [Suspicious PowerShell]
        """

    @Test func parsesEveryField() throws {
        let cases = try CaseFileParser.parse(Self.valid, file: "cases/a.yaml")
        #expect(cases.count == 2)
        let first = try #require(cases.first)
        #expect(first.id == "lsass-01")
        #expect(first.label == .tp)
        #expect(first.tags == ["credential-access", "must-alert"])
        #expect(first.entity == Entity(type: .host, name: "WS-01", id: "abc"))
        #expect(first.maxRiskScore == 99)
        #expect(first.commandLines == [#"rundll32.exe C:\windows\System32\comsvcs.dll, MiniDump 624 C:\Temp\x.dmp full"#])
        #expect(cases[1].entity?.id == nil)
    }

    @Test func unknownKeyNamesFileLineAndField() {
        let text = Self.valid.replacingOccurrences(of: "  tags: [credential-access, must-alert]", with: "  tagz: [credential-access]")
        #expect(throws: InputError(file: "cases/a.yaml", line: 4, column: 3, field: "cases[0].tagz", message: "unknown key; allowed: \(CaseFileParser.allowedKeys.sorted().joined(separator: ", "))")) {
            try CaseFileParser.parse(text, file: "cases/a.yaml")
        }
    }

    @Test func missingLabelIsAnError() throws {
        let text = Self.valid.replacingOccurrences(of: "  label: FP\n", with: "")
        let error = try #require(throws: InputError.self) { try CaseFileParser.parse(text, file: "f.yaml") }
        #expect(error.field == "cases[1].label")
        #expect(error.message == "is required")
        #expect(error.description.hasPrefix("f.yaml:"))
    }

    @Test func badLabelValue() throws {
        let text = Self.valid.replacingOccurrences(of: "label: TP", with: "label: tp?")
        let error = try #require(throws: InputError.self) { try CaseFileParser.parse(text, file: "f.yaml") }
        #expect(error.line == 2)
        #expect(error.message == "must be TP or FP, got \"tp?\"")
    }

    @Test func duplicateIDNamesBothLines() throws {
        let text = Self.valid.replacingOccurrences(of: "id: sccm-01", with: "id: lsass-01")
        let error = try #require(throws: InputError.self) { try CaseFileParser.parse(text, file: "f.yaml") }
        #expect(error.line == 13)
        #expect(error.message == "duplicate id \"lsass-01\" (first defined on line 1)")
    }

    @Test func yamlSyntaxErrorHasLine() throws {
        let error = try #require(throws: InputError.self) { try CaseFileParser.parse("- id: x\n  rules: [a, b\n", file: "f.yaml") }
        #expect(error.line != nil)
        #expect(error.message.hasPrefix("YAML syntax"))
    }

    @Test func structuredCaseNeedsItsCounts() throws {
        let text = Self.valid.replacingOccurrences(of: "  max_risk_score: 47\n", with: "")
        let error = try #require(throws: InputError.self) { try CaseFileParser.parse(text, file: "f.yaml") }
        #expect(error.field == "cases[1].max_risk_score")
    }

    @Test func summaryOnlyCaseRejectsStructuredFields() throws {
        let ok = "- id: row-1\n  label: FP\n  scenario: ROW\n  alert_summary: 'Host: x | Alert count: 3'\n"
        let cases = try CaseFileParser.parse(ok, file: "f.yaml")
        #expect(cases.first?.isSummaryOnly == true)
        let error = try #require(throws: InputError.self) { try CaseFileParser.parse(ok + "  rules: [a]\n", file: "f.yaml") }
        #expect(error.field == "cases[0].rules")
    }

    @Test func exportRoundTripsToTheSameHash() throws {
        let cases = try CaseFileParser.parse(Self.valid, file: "a.yaml")
        let exported = try CaseYAMLWriter.yaml(cases)
        let reparsed = try CaseFileParser.parse(exported, file: "export.yaml")
        #expect(reparsed == cases)
        #expect(reparsed.map(\.contentHash) == cases.map(\.contentHash))
    }

    @Test func contentHashChangesWithContent() throws {
        var item = try #require(try CaseFileParser.parse(Self.valid, file: "a.yaml").first)
        let before = item.contentHash
        item.notes = "changed"
        #expect(item.contentHash != before)
        #expect(before.count == 64)
    }
}
