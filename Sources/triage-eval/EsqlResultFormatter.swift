import EsqlEngine
import Foundation

/// An ES|QL result as a terminal table, as Elasticsearch's `_query` JSON (`columns` and `values`), or as CSV.
/// Values come from documents and model answers (attacker-controlled): control characters are shown
/// escaped in the table and CSV, and CSV cells that a spreadsheet would run as a formula are quoted with `'`.
enum EsqlResultFormatter {
    static func render(_ rows: [EsqlRow], format: EsqlQueryCommand.Format) -> String {
        var columns: [String] = []
        for row in rows { for column in row.columns where !columns.contains(column) { columns.append(column) } }
        switch format {
        case .table:
            var table = TextTable(header: columns.map(visible))
            table.rows = rows.map { row in columns.map { visible(text(row[$0] ?? .null)) } }
            return table.render()
        case .csv:
            let lines = [columns.map(csvCell)] + rows.map { row in columns.map { csvCell(text(row[$0] ?? .null)) } }
            return lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n")
        case .json:
            let types = columns.map { column in rows.lazy.compactMap { row in row[column].flatMap { $0.isNull ? nil : $0.typeName } }.first ?? "null" }
            let object: [String: Any] = [
                "columns": zip(columns, types).map { ["name": $0, "type": $1] },
                "values": rows.map { row in columns.map { json(row[$0] ?? .null) } },
            ]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// A value as ES|QL shows it: `null`, a single value's text, or `[a, b]`.
    static func text(_ value: EsqlValue) -> String {
        switch value {
        case .null: "null"
        case .multi(let items): "[" + items.map(text).joined(separator: ", ") + "]"
        default: value.singleText ?? "null"
        }
    }

    static func json(_ value: EsqlValue) -> Any {
        switch value {
        case .null: NSNull()
        case .boolean(let flag): flag
        case .integer(let number): number
        case .double(let number): number
        case .multi(let items): items.map(json)
        default: value.singleText ?? NSNull()
        }
    }

    /// Control characters (C0, DEL, C1) written as escapes, so a value cannot move the cursor or forge lines.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out += String(format: "\\u{%02X}", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An RFC 4180 cell, formula-neutralized, control characters escaped.
    static func csvCell(_ text: String) -> String {
        var value = visible(text)
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@"].contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
