import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalStore

@Suite("Store: a prompt's schema file is recorded with its version", .boundedResources)
struct PromptSchemaStoreTests {
    static let text = """
        ---
        id: analyzer
        version: v2
        entity: host
        output:
          format: json
          schema: v2.schema.json
        ---
        Host {{host_name}}

        """

    static func parse(schema: String) throws -> PromptVersion {
        try PromptFileParser.parse(Self.text, file: "prompts/analyzer/v2.prompt", defaults: AlertPolicy()) { _ in schema }
    }

    @Test("the recorded schema text re-parses to the same schema when the file is gone; an edited schema is a new hash")
    func roundTrip() async throws {
        let temp = try TemporaryStore()
        let schema = #"{"type": "object", "properties": {"verdict": {"type": "string"}}, "required": ["verdict"], "additionalProperties": false}"#
        let prompt = try Self.parse(schema: schema)
        let registered = try await temp.store.registerPrompt(prompt)
        let stored = try #require(try await temp.store.promptText(rowID: registered.rowID))
        #expect(stored.schemaText == schema)
        let reparsed = try stored.parse(defaults: AlertPolicy())
        #expect(reparsed.schema == prompt.schema)
        #expect(reparsed.sha256 == prompt.sha256)

        let edited = try await temp.store.registerPrompt(try Self.parse(schema: schema.replacingOccurrences(of: "verdict", with: "classification")))
        #expect(edited.rowID != registered.rowID)
        #expect(edited.editedWithoutNewVersion)
    }
}
