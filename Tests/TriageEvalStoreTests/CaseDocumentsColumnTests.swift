import Foundation
import GRDB
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalStore

/// Whether a case revision carries documents is a column (migration `v5-case-has-documents`), so a big run's plan
/// and reports never read every body to learn it.
@Suite(.boundedResources) struct CaseDocumentsColumnTests {
    static let yaml = """
        - id: with-docs
          label: TP
          scenario: curl
          index: logs-endpoint.events.process-default
          documents:
            - {"@timestamp": "2026-01-01T00:00:00Z", host: {name: web-1}, process.name: curl}
        """

    @Test("an import sets the column; a store written before it is filled in when opened")
    func columnIsSetOnImportAndBackfilled() async throws {
        let directory = Scratch.url("triage-eval-docs-col")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let parsed = try CaseFileParser.parse(Self.yaml, file: "c.yaml")
        let cases = parsed + [hostCase("no-docs")]
        #expect(cases.map { $0.documents?.isEmpty == false } == [true, false])

        // Written by the schema before the column, then opened by this one.
        let oldPath = directory.appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: oldPath)
            try Schema.migrator.migrate(queue, upTo: "v4-provider-batch")
            try await queue.write { db in
                for item in cases {
                    let body = item.canonicalJSON()
                    try db.execute(
                        sql: "INSERT INTO case_revision (case_id, revision, content_hash, label, scenario, body, imported_at) VALUES (?, 1, ?, ?, ?, ?, '2026-01-01 00:00:00')",
                        arguments: [item.id, SHA256Hex.of(body), item.label.rawValue, item.scenario, body]
                    )
                }
            }
        }
        let old = try Store(path: oldPath)
        let oldRows = try await old.currentCases()
        #expect(try await old.revisionsWithDocuments(oldRows.map(\.revisionID)) == Set(oldRows.filter { $0.item.id == "with-docs" }.map(\.revisionID)))

        // Imported by this schema.
        let fresh = try Store(path: directory.appendingPathComponent("new.sqlite").path)
        _ = try await fresh.importCases(cases)
        let rows = try await fresh.currentCases()
        let refs = try await fresh.caseRefsByRevision(rows.map(\.revisionID))
        #expect(rows.map { refs[$0.revisionID]?.hasDocuments } == rows.map { $0.item.id == "with-docs" })
        #expect(try await fresh.revisionsWithDocuments(rows.map(\.revisionID)).count == 1)

        // Written into this schema by a binary that does not know the column (an insert without it): set by SQLite.
        let olderBinary = try DatabaseQueue(path: directory.appendingPathComponent("new.sqlite").path)
        try await olderBinary.write { db in
            for item in cases {
                let body = item.canonicalJSON()
                try db.execute(
                    sql: "INSERT INTO case_revision (case_id, revision, content_hash, label, scenario, body, imported_at) VALUES (?, 2, ?, ?, ?, ?, '2026-01-02 00:00:00')",
                    arguments: [item.id, SHA256Hex.of(body + "2"), item.label.rawValue, item.scenario, body]
                )
            }
        }
        let flags = try await olderBinary.read { db in
            try Row.fetchAll(db, sql: "SELECT case_id, has_documents FROM case_revision WHERE revision = 2 ORDER BY case_id").map { "\($0[0] as String)=\($0[1] as Int)" }
        }
        #expect(flags == ["no-docs=0", "with-docs=1"])
    }
}
