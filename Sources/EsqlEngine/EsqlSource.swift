/// A document an ES|QL `FROM` can read: its fields as a row, the index it lives in, and its metadata.
public struct EsqlDocument: Sendable, Equatable {
    /// The index the document lives in (`_index`), matched against `FROM`'s patterns.
    public var index: String
    /// `_id`, when known.
    public var id: String?
    /// `_version`, when known.
    public var version: Int64?
    /// The document's fields (dotted names, multi-values for arrays).
    public var fields: EsqlRow

    public init(index: String, id: String? = nil, version: Int64? = nil, fields: EsqlRow) {
        self.index = index
        self.id = id
        self.version = version
        self.fields = fields
    }
}

/// What `FROM` reads: the documents whose index matches one of its patterns (`*` wildcards; a
/// pattern with `:` names a remote cluster and is refused; `-pattern` exclusions are refused), with
/// every field of the selected documents as a column (null where a document lacks it) and the
/// `METADATA` fields asked for.
enum EsqlSource {
    static let metadataFields = ["_id", "_version", "_index"]

    static func rows(_ documents: [EsqlDocument], patterns: [String], metadata: [String], line: Int) throws(EsqlError) -> [EsqlRow] {
        for pattern in patterns where pattern.contains(":") || pattern.hasPrefix("-") {
            throw EsqlError(line: line, "FROM pattern \(pattern) is outside the supported ES|QL subset (remote clusters and exclusions)")
        }
        let selected = documents.filter { document in patterns.contains { EsqlWildcard.matches(document.index, pattern: $0) } }
        var columns: [String] = []
        var seen: Set<String> = []
        for document in selected {
            for column in document.fields.columns where seen.insert(column).inserted { columns.append(column) }
        }
        return selected.map { document in
            var row = EsqlRow()
            for column in columns { row[column] = document.fields[column] ?? .null }
            for field in metadata {
                switch field {
                case "_index": row[field] = .string(document.index)
                case "_id": row[field] = document.id.map(EsqlValue.string) ?? .null
                default: row[field] = document.version.map(EsqlValue.integer) ?? .null
                }
            }
            return row
        }
    }
}
