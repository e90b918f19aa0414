/// A prompt version as recorded in the store: its name, the file it came from and its full text.
public struct StoredPrompt: Sendable, Hashable {
    public var rowID: Int64
    public var id: String
    public var version: String
    public var file: String
    public var text: String
    public var sha256: String

    init(_ record: PromptVersionRecord) {
        rowID = record.id ?? 0
        id = record.promptId
        version = record.version
        file = record.file
        text = record.text
        sha256 = record.sha256
    }

    /// Whether this version is an imported detection rule (its text is the rule's TOML).
    public var isRule: Bool { file.hasSuffix(".toml") }
}
