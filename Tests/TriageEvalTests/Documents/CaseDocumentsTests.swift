import Testing
@testable import TriageEval
import EsqlEngine

@Suite struct CaseDocumentsTests {
    @Test func inlineDocumentsKeepKeyOrderAndTakeTheCaseIndex() throws {
        let yaml = """
            - id: c1
              label: TP
              scenario: curl
              index: logs-endpoint.events.process-default
              documents:
                - {"@timestamp": "2026-01-01T00:00:00Z", host: {name: web-1, id: h1}, process.name: curl, process.args: [curl, -s, "http://x"], n: 3, f: 1.5, q: "7"}
                - _index: logs-other-default
                  _id: abc
                  _source: {zeta: 1, alpha: true}
            """
        let cases = try CaseFileParser.parse(yaml, file: "c.yaml")
        let documents = try #require(cases.first?.documents)
        #expect(documents == [
            CaseDocument(
                index: "logs-endpoint.events.process-default", id: "c1-1",
                source: #"{"@timestamp":"2026-01-01T00:00:00Z","host":{"name":"web-1","id":"h1"},"process.name":"curl","process.args":["curl","-s","http://x"],"n":3,"f":1.5,"q":"7"}"#
            ),
            CaseDocument(index: "logs-other-default", id: "abc", source: #"{"zeta":1,"alpha":true}"#),
        ])
        #expect(cases[0].isDocumentsOnly)
    }

    @Test func documentsFileIsReadRelativeToTheCaseFileAndCountsInTheHash() throws {
        let yaml = """
            - id: c1
              label: FP
              scenario: s
              index: .alerts-security.alerts-default
              documents_file: docs/c1.ndjson
            """
        func parse(_ ndjson: String) throws -> TriageCase {
            try #require(try CaseFileParser.parse(yaml, file: "c.yaml") { path throws(InputError) in
                guard path == "docs/c1.ndjson" else { throw InputError(file: path, message: "unexpected path") }
                return ndjson
            }.first)
        }
        let first = try parse(#"{"_index": "idx-a", "_id": "x1", "_source": {"a": 1}}"# + "\n\n" + #"{"b": "two"}"# + "\n")
        #expect(first.documents == [
            CaseDocument(index: "idx-a", id: "x1", source: #"{"a":1}"#),
            CaseDocument(index: ".alerts-security.alerts-default", id: "c1-2", source: #"{"b":"two"}"#),
        ])
        let edited = try parse(#"{"_index": "idx-a", "_id": "x1", "_source": {"a": 2}}"# + "\n" + #"{"b": "two"}"#)
        #expect(first.contentHash != edited.contentHash)
    }

    @Test func badDocumentsAreLocatedErrors() {
        let noIndex = """
            - id: c1
              label: FP
              scenario: s
              documents: [{a: 1}]
            """
        #expect(throws: InputError(file: "c.yaml", line: 4, field: "cases[0].documents[0]", message: "has no index: give the case an `index:` or the hit an `_index`")) {
            try CaseFileParser.parse(noIndex, file: "c.yaml")
        }
        let badLine = """
            - id: c1
              label: FP
              scenario: s
              index: i
              documents_file: d.ndjson
            """
        #expect(throws: InputError(file: "d.ndjson", line: 2, message: "expected one JSON object per line (a document or a search hit)")) {
            try CaseFileParser.parse(badLine, file: "c.yaml") { _ throws(InputError) in "{\"a\": 1}\n[1, 2]\n" }
        }
    }

    @Test func caseWithoutDocumentsKeepsItsHash() throws {
        // Documents are optional in the stored JSON: hand-written cases hash as before.
        let item = TriageCase(id: "x", label: .tp, scenario: "s")
        #expect(!item.canonicalJSON().contains("documents"))
        #expect(!item.canonicalJSON().contains("executed_at"))
    }
}
