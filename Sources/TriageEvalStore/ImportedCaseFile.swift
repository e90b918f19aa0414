public import TriageEval

/// What a case file yielded when it was last imported: its byte hash and, per case, the id, content hash
/// and scenario (and the drafts it skipped). A file whose bytes hash the same need not be parsed again.
public struct ImportedCaseFile: Sendable, Hashable, Codable {
    /// One case the file defines.
    public struct Entry: Sendable, Hashable, Codable {
        public var id: String
        public var contentHash: String
        public var scenario: String

        public init(id: String, contentHash: String, scenario: String) {
            self.id = id
            self.contentHash = contentHash
            self.scenario = scenario
        }

        /// The entries as `JSONEncoder` with sorted keys writes them (`[{"contentHash":…,"id":…,"scenario":…},…]`),
        /// written directly: a million entries through `JSONEncoder` cost seconds and a value tree of them all.
        static func json(_ entries: [Entry]) -> String {
            // Built in one string (not bytes and then a copy of them): for a million entries that is 100 MB less.
            var text = "["
            text.reserveCapacity(entries.count * 120 + 2)
            var scratch: [UInt8] = []
            func append(_ value: String) {
                scratch.removeAll(keepingCapacity: true)
                CanonicalCaseJSON.string(value, into: &scratch)
                text += String(decoding: scratch, as: UTF8.self)
            }
            for (index, entry) in entries.enumerated() {
                text += index == 0 ? #"{"contentHash":"# : #",{"contentHash":"#
                append(entry.contentHash)
                text += #","id":"#
                append(entry.id)
                text += #","scenario":"#
                append(entry.scenario)
                text += "}"
            }
            text += "]"
            return text
        }

        /// The entry of an encoded case (its hash is not computed again).
        public init(_ encoded: EncodedCase) {
            self.init(id: encoded.item.id, contentHash: encoded.contentHash, scenario: encoded.item.scenario)
        }
    }

    /// The file's absolute path.
    public var path: String
    /// SHA-256 of the file's bytes (and the reader's revision, so a changed reader re-reads every file).
    public var fileHash: String
    public var cases: [Entry]
    /// Draft entries (`label: null`) the file holds, by id: skipped until labeled, and said so.
    public var drafts: [String]
    /// The mapping a dataset file was read with (`cases import --mapping` or the field flags); nil for a case file.
    public var mapping: DatasetMapping?

    public init(path: String, fileHash: String, cases: [Entry], drafts: [String] = [], mapping: DatasetMapping? = nil) {
        self.path = path
        self.fileHash = fileHash
        self.cases = cases
        self.drafts = drafts
        self.mapping = mapping
    }
}
