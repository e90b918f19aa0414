/// One row of an ES|QL table: named columns in order, each with a value (possibly null or multi-valued).
public struct EsqlRow: Sendable, Equatable {
    /// Column names in order.
    public private(set) var columns: [String] = []
    private var values: [String: EsqlValue] = [:]

    public init() {}

    /// A row from `(column, value)` pairs, in order.
    public init(_ pairs: [(String, EsqlValue)]) {
        for (name, value) in pairs { self[name] = value }
    }

    /// A column's value; nil when the row has no such column. Setting a column that exists moves it
    /// to the end, as `EVAL` does.
    public subscript(name: String) -> EsqlValue? {
        get { values[name] }
        set {
            if values[name] != nil { columns.removeAll { $0 == name } }
            if let newValue {
                columns.append(name)
                values[name] = newValue
            } else {
                values[name] = nil
            }
        }
    }

    /// The row with `name`'s value replaced where the column stands.
    func replacing(_ name: String, with value: EsqlValue) -> EsqlRow {
        var row = self
        row.values[name] = value
        return row
    }

    /// The columns matched by `KEEP`'s names and `*` patterns, in `KEEP` order.
    func keeping(_ patterns: [String], line: Int) throws(EsqlError) -> EsqlRow {
        var kept = EsqlRow()
        for pattern in patterns {
            let matches = columns.filter { EsqlWildcard.matches($0, pattern: pattern) }
            guard !matches.isEmpty else { throw EsqlError(line: line, "KEEP: unknown column \(pattern)") }
            for name in matches where kept[name] == nil { kept[name] = values[name] }
        }
        return kept
    }

    /// The row without the columns matched by `DROP`'s names and `*` patterns.
    func dropping(_ patterns: [String], line: Int) throws(EsqlError) -> EsqlRow {
        var kept = self
        for pattern in patterns {
            let matches = columns.filter { EsqlWildcard.matches($0, pattern: pattern) }
            guard !matches.isEmpty || pattern.contains("*") else { throw EsqlError(line: line, "DROP: unknown column \(pattern)") }
            for name in matches { kept[name] = nil }
        }
        return kept
    }

    /// The row with `RENAME`'s columns renamed in place (a column of the new name is replaced).
    func renaming(_ renames: [EsqlRename], line: Int) throws(EsqlError) -> EsqlRow {
        var pairs = columns.map { ($0, values[$0] ?? .null) }
        for rename in renames {
            guard let index = pairs.firstIndex(where: { $0.0 == rename.old }) else { throw EsqlError(line: line, "RENAME: unknown column \(rename.old)") }
            pairs[index].0 = rename.new
            if let other = pairs.indices.first(where: { $0 != index && pairs[$0].0 == rename.new }) { pairs.remove(at: other) }
        }
        return EsqlRow(pairs)
    }
}
