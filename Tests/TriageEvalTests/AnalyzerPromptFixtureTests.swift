import Foundation
import StubTestSupport
import Testing
@testable import TriageEval

/// alert-analyzer@v1, alert-analyzer@v2 and alert-correlation@v1 render byte for byte what CPython builds:
/// `Tests/Fixtures/analyzer/expected.jsonl` holds the prompts `scripts/generate-analyzer-fixtures.py` made by
/// running the guide's `analyze_alert` / `correlate_alerts` code (and v2 in Python) over every bundled host
/// case with documents; the fixture also holds copies of those case files, documents and prompt files.
@Suite struct AnalyzerPromptFixtureTests {
    struct Expected: Decodable {
        let prompt: String
        let case_id: String
        let system: String?
        let user: String
    }

    static func fixtureCases() throws -> [TriageCase] {
        let root = URL(fileURLWithPath: try TestFixtures.path("analyzer/cases"))
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var cases: [TriageCase] = []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            cases += try CaseFileParser.parse(text, file: file) { path throws(InputError) in
                guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else {
                    throw InputError(file: path, message: "unreadable")
                }
                return text
            }
        }
        return cases
    }

    static func fixturePrompt(_ path: String) throws -> PromptVersion {
        let text = String(decoding: try TestFixtures.data("analyzer/prompts/\(path)"), as: UTF8.self)
        return try PromptFileParser.parse(text, file: path, defaults: AlertPolicy())
    }

    @Test(arguments: ["alert-analyzer/v1.prompt", "alert-analyzer/v2.prompt", "alert-correlation/v1.prompt"])
    func rendersAsCPythonForEveryCase(path: String) throws {
        let prompt = try Self.fixturePrompt(path)
        let cases = try Self.fixtureCases()
        let lines = String(decoding: try TestFixtures.data("analyzer/expected.jsonl"), as: UTF8.self).split(separator: "\n")
        let expected = try lines.map { try JSONDecoder().decode(Expected.self, from: Data($0.utf8)) }.filter { $0.prompt == prompt.key }
        #expect(expected.count == 69)
        var failures: [String] = []
        for entry in expected {
            let item = try #require(cases.first { $0.id == entry.case_id }, "case \(entry.case_id)")
            #expect(prompt.accepts(item), "\(prompt.key) judges \(entry.case_id)")
            let calls = try prompt.calls(for: item)
            guard calls.count == 1, let call = calls.first else {
                failures.append("\(entry.case_id): \(calls.count) calls")
                continue
            }
            if Array(call.text.utf8) != Array(entry.user.utf8) {
                let common = zip(call.text.utf8, entry.user.utf8).prefix { $0 == $1 }.count
                failures.append("\(entry.case_id): user part differs at byte \(common) of \(entry.user.utf8.count)")
            }
            if call.system.map({ Array($0.utf8) }) != entry.system.map({ Array($0.utf8) }) {
                failures.append("\(entry.case_id): system part differs")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) differ:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test func analyzerV1ShowsTheDottedKeyTrapAndTheCut() throws {
        // The guide's dict.get("host.name") on a nested host object is None; the case's one long alert is cut at 3000.
        let prompt = try Self.fixturePrompt("alert-analyzer/v1.prompt")
        let cases = try Self.fixtureCases()
        let lsass = try #require(cases.first { $0.id == "lsass-comsvcs-minidump-01" })
        let text = try prompt.render(CaseContext(lsass))
        #expect(text.contains("\"host\": null,\n  \"user\": null,"))
        #expect(text.contains(#""command_line": "cmd.exe /Q /c rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624"#))
        let long = try #require(cases.first { $0.id == "devtools-vscode-pses-dotnet-test-01" })
        let cut = try prompt.render(CaseContext(long))
        let context = try #require(cut.range(of: "Full Alert Context (first 3000 chars):\n```json\n"))
        let end = try #require(cut.range(of: "\n```\n\nProvide:"))
        #expect(cut[context.upperBound..<end.lowerBound].unicodeScalars.count == 3000)
    }

    @Test func documentTemplatesJudgeOnlyCasesWithDocumentsOfTheirEntity() throws {
        let prompt = try Self.fixturePrompt("alert-analyzer/v1.prompt")
        #expect(prompt.readsDocuments)
        var item = try #require(try Self.fixtureCases().first)
        #expect(prompt.accepts(item))
        var withoutEntity = item
        withoutEntity.entity = nil
        #expect(!prompt.accepts(withoutEntity), "a prompt declaring host judges no case without an entity")
        item.documents = nil
        #expect(!prompt.accepts(item))
        #expect(prompt.missingVariables(for: item) == ["alert"])
    }

    @Test func documentsArePythonValuesOnly() throws {
        let head = "---\nid: p\nversion: v1\noutput:\n  format: json\n---\n"
        let plain = #expect(throws: InputError.self) { try PromptFileParser.parse(head + "Alert: {{alert}}", file: "p.prompt", defaults: AlertPolicy()) }
        #expect(plain?.message.contains("{{#python}}") == true)
        #expect(plain?.line == 7)
        let typo = #expect(throws: InputError.self) { try PromptFileParser.parse(head + "{{#python}}json.dumps(alertss){{/python}}", file: "p.prompt", defaults: AlertPolicy()) }
        #expect(typo?.message.contains("did you mean alerts?") == true)
        // Without an entity the prompt judges documents-only cases too; each document loads as json.loads reads it.
        let prompt = try PromptFileParser.parse(head + "{{#python}}len(alerts){{/python}} {{#python}}json.dumps(alert){{/python}}", file: "p.prompt", defaults: AlertPolicy())
        var item = TriageCase(id: "d", label: .fp, scenario: "s")
        item.documents = [
            CaseDocument(index: "i", id: "d-1", source: #"{"b":1.0,"a":[1e2,-0,true,null],"b":"last"}"#),
            CaseDocument(index: "i", id: "d-2", source: #"{}"#),
        ]
        #expect(item.isDocumentsOnly && prompt.accepts(item))
        #expect(try prompt.render(CaseContext(item)) == #"2 {"b": "last", "a": [100.0, 0, true, null]}"#)
    }
}
