import Foundation

/// One test of an Elasticsearch `*.csv-spec` file: a name, optional `key: value` lines
/// (`required_capability:`, `warning:`, `ignoreOrder:true`, …), a query ending in `;`, then the expected
/// table (`name:type | …` header, rows, `;`). `//` lines outside the query are comments.
struct CsvSpecTest: Sendable {
    var file: String
    var name: String
    var line: Int
    var query: String
    var metadata: [(key: String, value: String)]
    var header: [(name: String, type: String)]
    var rows: [[String]]

    var ignoreOrder: Bool { metadata.contains { $0.key == "ignoreOrder" && $0.value == "true" } }
    var warnings: [String] { metadata.filter { $0.key.hasPrefix("warning") }.map(\.value) }
    var location: String { "\(file):\(line) \(name)" }

    /// Whether the query reads no index: its source command is `ROW`.
    var isRowOnly: Bool {
        let code = query.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
        return code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().hasPrefix("ROW ")
    }

    /// Parses a whole file.
    static func parse(_ text: String, file: String) -> [CsvSpecTest] {
        enum State { case idle, head, query, results, rows }
        var tests: [CsvSpecTest] = []
        var state = State.idle
        var current = CsvSpecTest(file: file, name: "", line: 0, query: "", metadata: [], header: [], rows: [])
        let metadataKey = #/^([A-Za-z_]+):(.*)$/#
        for (index, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            switch state {
            case .idle:
                guard !line.isEmpty, !line.hasPrefix("//") else { continue }
                current = CsvSpecTest(file: file, name: line, line: index + 1, query: "", metadata: [], header: [], rows: [])
                state = .head
            case .head, .query:
                if state == .head {
                    if line.isEmpty { continue }
                    if let match = line.wholeMatch(of: metadataKey), ["required_capability", "skip", "warning", "warningRegex", "ignoreOrder", "skip_columnar", "skip_flattened_rewrite", "request_stored", "warningWithFromSource"].contains(String(match.1)) {
                        current.metadata.append((String(match.1), String(match.2).trimmingCharacters(in: .whitespaces)))
                        continue
                    }
                }
                state = .query
                if line.hasSuffix(";") {
                    current.query += String(raw.trimmingCharacters(in: .whitespaces).dropLast())
                    state = .results
                } else {
                    current.query += raw + "\n"
                }
            case .results:
                if line.isEmpty || line.hasPrefix("//") { continue }
                if let match = line.wholeMatch(of: metadataKey), ["warning", "warningRegex", "ignoreOrder", "warningWithFromSource"].contains(String(match.1)) {
                    current.metadata.append((String(match.1), String(match.2).trimmingCharacters(in: .whitespaces)))
                    continue
                }
                if line == ";" {
                    tests.append(current)
                    state = .idle
                    continue
                }
                current.header = cells(line).map { cell in
                    let parts = cell.split(separator: ":", maxSplits: 1).map(String.init)
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                }
                state = .rows
            case .rows:
                if line.hasPrefix("//") { continue }
                if line == ";" {
                    tests.append(current)
                    state = .idle
                    continue
                }
                if line.isEmpty { continue }
                current.rows.append(cells(line))
            }
        }
        return tests
    }

    /// A line's `|`-separated cells, trimmed (`\|` is a literal bar).
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in line {
            if escaped { cell.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; cell.append(character); continue }
            if character == "|" { cells.append(cell.trimmingCharacters(in: .whitespaces)); cell = ""; continue }
            cell.append(character)
        }
        cells.append(cell.trimmingCharacters(in: .whitespaces))
        return cells.map { $0.replacingOccurrences(of: "\\|", with: "|") }
    }
}
