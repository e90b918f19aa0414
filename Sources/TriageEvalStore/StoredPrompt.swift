public import TriageEval

/// A prompt version as recorded in the store: its name, kind, the file it came from and its full text.
public struct StoredPrompt: Sendable, Hashable {
    public var rowID: Int64
    public var id: String
    public var version: String
    public var kind: PromptVersion.Kind
    public var file: String
    public var text: String
    public var sha256: String
    /// The schema file's text recorded with the version (nil: none, or inline in ``text``).
    public var schemaText: String?

    init(_ record: PromptVersionRecord) throws {
        guard let kind = PromptVersion.Kind(rawValue: record.kind) else {
            throw StoreError("prompt_version row \(record.id ?? 0) has an unknown kind \"\(record.kind)\"")
        }
        rowID = record.id ?? 0
        id = record.promptId
        version = record.version
        self.kind = kind
        file = record.file
        text = record.text
        sha256 = record.sha256
        schemaText = record.schemaText
    }

    /// The prompt version this text records, parsed with the decision defaults in force when it was used.
    public func parse(defaults: AlertPolicy) throws(InputError) -> PromptVersion {
        try StoredPromptParser.parse(text: text, file: file, id: id, version: version, kind: kind, defaults: defaults, schemaText: schemaText)
    }

    /// The prompt version a run used, from its recorded text: a text that no longer parses is a
    /// ``StoreError`` naming the version and the run (never a silent fall-back to defaults).
    public func parse(defaults: AlertPolicy, recordedBy run: Int64) throws -> PromptVersion {
        do {
            return try parse(defaults: defaults)
        } catch {
            throw StoreError("the \(kind.rawValue) \(id)@\(version) recorded for run \(run) no longer parses (\(error)); read the run with the triage-eval version that ran it")
        }
    }
}
