internal import Foundation

/// The part of KQL the rules use inside ES|QL's `KQL("…")`: `field : "value"` or `field : value`,
/// true when any of the field's values equals the value (a trailing `*` matches a prefix).
/// Any other KQL is an error, never a silent pass.
enum EsqlKql {
    static func evaluate(_ query: String, _ row: EsqlRow, line: Int) throws(EsqlError) -> EsqlValue {
        let parts = query.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { throw unsupported(query, line) }
        let field = parts[0].trimmingCharacters(in: .whitespacesAndNewlines)
        var value = parts[1].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !field.isEmpty, !value.isEmpty, !field.contains(" ") else { throw unsupported(query, line) }
        var wildcard = false
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            value = String(value.dropFirst().dropLast())
            guard !value.contains("\"") else { throw unsupported(query, line) }
        } else {
            guard !value.contains(" "), !value.contains("("), !value.contains("\"") else { throw unsupported(query, line) }
            if value.hasSuffix("*") { wildcard = true; value.removeLast() }
        }
        let values = (row[field] ?? .null).elements.compactMap(\.singleText)
        return .boolean(values.contains { wildcard ? $0.hasPrefix(value) : $0 == value })
    }

    static func unsupported(_ query: String, _ line: Int) -> EsqlError {
        EsqlError(line: line, "KQL query \"\(query)\" is outside the supported subset (field : \"value\")")
    }
}
