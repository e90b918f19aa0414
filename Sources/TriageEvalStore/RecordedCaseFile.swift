public import TriageEval

/// A case file as recorded at its last import, without the cases it yielded: its byte hash, the drafts it
/// skipped and a dataset's mapping (the cases: ``Store/importedCaseFiles()``, ``Store/currentCaseFileEntries(_:)``).
public struct RecordedCaseFile: Sendable, Hashable {
    /// The file's absolute path.
    public var path: String
    /// SHA-256 of the file's bytes (and the reader's revision), as ``ImportedCaseFile/fileHash``.
    public var fileHash: String
    /// Draft entries (`label: null`) the file holds, by id.
    public var drafts: [String]
    /// The mapping a dataset file was read with; nil for a case file.
    public var mapping: DatasetMapping?

    public init(path: String, fileHash: String, drafts: [String] = [], mapping: DatasetMapping? = nil) {
        self.path = path
        self.fileHash = fileHash
        self.drafts = drafts
        self.mapping = mapping
    }
}
