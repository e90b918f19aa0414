import Testing
@testable import TriageEval

/// `row_labels:` in a case file: parsed with located errors, and part of the case's content hash.
struct RowLabelParserTests {
    static func file(_ rowLabels: String) -> String {
        """
        - id: two-rows
          label: TP
          scenario: curl
          index: logs-endpoint.events.process-default
          documents:
            - {"@timestamp": "2026-03-02T09:01:00.000Z", process: {name: curl}}
        \(rowLabels)
        """
    }

    @Test func entriesAreReadInOrderAndCountInTheContentHash() throws {
        let labeled = try #require(try CaseFileParser.parse(Self.file("""
              row_labels:
                - match: {Esql.dest_host: 198.51.100.7, Esql.host_key: web-01-id}
                  label: FP
                  scenario: lab
                  notes: our own scanner
            """), file: "c.yaml").first)
        #expect(labeled.rowLabels == [RowLabel(
            match: [.init(column: "Esql.dest_host", value: "198.51.100.7"), .init(column: "Esql.host_key", value: "web-01-id")],
            label: .fp, scenario: "lab", notes: "our own scanner"
        )])
        let plain = try #require(try CaseFileParser.parse(Self.file(""), file: "c.yaml").first)
        #expect(plain.rowLabels == nil)
        #expect(plain.contentHash != labeled.contentHash)
        #expect(!plain.canonicalJSON().contains("row_labels"))
        // `cases export --format yaml` writes them back as the same case.
        let exported = try CaseFileParser.parse(CaseYAMLWriter.yaml([labeled]), file: "export.yaml")
        #expect(exported == [labeled])
    }

    @Test func aMissingMatchIsLocated() {
        #expect(throws: InputError(file: "c.yaml", line: 8, column: 7, field: "cases[0].row_labels[0].match", message: "is required: a mapping of BY column names to values")) {
            try CaseFileParser.parse(Self.file("""
                  row_labels:
                    - label: TP
                """), file: "c.yaml")
        }
    }
}
