import EsqlEngine
import Foundation

/// Runs a csv-spec test on the engine and compares the table exactly: the column names in order, each
/// value's type family against the header's type, every value, and the row order unless `ignoreOrder:true`.
/// Warnings are not compared. `COMPLETION` is answered as Elasticsearch's `test_completion` service
/// answers (the prompt upper-cased).
enum CsvSpecRunner {
    enum Outcome: Equatable {
        case passed
        /// Not run: it reads an index, or uses a construct outside the supported language.
        case skipped(String)
        case failed(String)
    }

    static func run(_ test: CsvSpecTest) async -> Outcome {
        if test.name.hasSuffix("-Ignore") || test.name.contains("#[skip:-9.99.99") { return .skipped("marked -Ignore upstream") }
        guard test.isRowOnly else { return .skipped("reads an index") }
        let commands: [EsqlCommand]
        do {
            commands = try EsqlParser.parse(test.query)
        } catch {
            return unsupported(error) ? .skipped("unsupported: \(error.message)") : .failed("parse: \(error)")
        }
        let rows: [EsqlRow]
        do {
            rows = try await EsqlEvaluator.evaluate(commands, now: 0) { request in request.prompts.map { $0.map { EsqlValue.string($0.uppercased()) } ?? .null } }
        } catch let error as EsqlError {
            return unsupported(error) ? .skipped("unsupported: \(error.message)") : .failed("evaluate: \(error)")
        } catch {
            return .failed("evaluate: \(error)")
        }
        return compare(rows, test)
    }

    static func unsupported(_ error: EsqlError) -> Bool {
        error.message.contains("outside the supported")
    }

    static func compare(_ rows: [EsqlRow], _ test: CsvSpecTest) -> Outcome {
        let expectedNames = test.header.map(\.name)
        var names: [String] = []
        for row in rows { for column in row.columns where !names.contains(column) { names.append(column) } }
        if rows.isEmpty { names = expectedNames }
        guard names == expectedNames else { return .failed("columns \(names) ≠ \(expectedNames)") }
        guard rows.count == test.rows.count else { return .failed("\(rows.count) rows ≠ \(test.rows.count) expected") }
        var actual: [[String]] = []
        var expected: [[String]] = []
        for (row, cells) in zip(rows, test.rows) {
            guard cells.count == names.count else { return .failed("expected row has \(cells.count) cells for \(names.count) columns") }
            var actualRow: [String] = []
            var expectedRow: [String] = []
            for ((name, type), cell) in zip(test.header, cells) {
                let value = row[name] ?? .null
                if let actual = family(of: value), actual != family(ofType: type) {
                    return .failed("column \(name): \(value.typeName) value for type \(type)")
                }
                actualRow.append(canonical(value))
                expectedRow.append(canonical(expectedValue(cell, type: type)))
            }
            actual.append(actualRow)
            expected.append(expectedRow)
        }
        if test.ignoreOrder {
            actual.sort { $0.lexicographicallyPrecedes($1) }
            expected.sort { $0.lexicographicallyPrecedes($1) }
        }
        for (index, (a, e)) in zip(actual, expected).enumerated() where a != e {
            return .failed("row \(index + 1): got \(a) expected \(e)")
        }
        return .passed
    }

    /// A type-independent rendering for comparison (doubles by value, datetimes by instant).
    static func canonical(_ value: EsqlValue) -> String {
        switch value {
        case .null: "null"
        case .multi(let items): "[" + items.map(canonical).joined(separator: ", ") + "]"
        case .double(let number): "d:\(number)"
        case .integer(let number): "i:\(number)"
        case .datetime(let millis): "t:\(millis)"
        case .boolean(let flag): "b:\(flag)"
        default: "s:" + (value.singleText ?? "")
        }
    }

    enum Family { case integer, double, string, boolean, datetime, other }

    static func family(of value: EsqlValue) -> Family? {
        switch value {
        case .null: nil
        case .multi(let items): items.first.flatMap(family)
        case .integer: .integer
        case .double: .double
        case .string: .string
        case .boolean: .boolean
        case .datetime: .datetime
        case .timeSpan: .other
        }
    }

    static func family(ofType type: String) -> Family {
        switch type {
        case "integer", "long", "unsigned_long", "counter_long", "counter_integer", "i", "l": .integer
        case "double", "float", "half_float", "scaled_float", "counter_double", "d": .double
        case "keyword", "text", "ip", "version", "k", "s", "": .string
        case "boolean", "bool": .boolean
        case "date", "datetime", "date_nanos": .datetime
        default: .other
        }
    }

    /// An expected cell as the value of its column type: `null`, `[a, b]` multi-values, quoted strings, `\n` escapes.
    static func expectedValue(_ cell: String, type: String) -> EsqlValue {
        if cell == "null" { return .null }
        if cell.hasPrefix("["), cell.hasSuffix("]") {
            return .values(splitList(String(cell.dropFirst().dropLast())).map { single($0, type: type) })
        }
        return single(cell, type: type)
    }

    static func single(_ raw: String, type: String) -> EsqlValue {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text == "null" { return .null }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        text = text.replacingOccurrences(of: "\\n", with: "\n")
        switch family(ofType: type) {
        case .integer: return Int64(text).map(EsqlValue.integer) ?? .string(text)
        case .double: return Double(text).map(EsqlValue.double) ?? .string(text)
        case .boolean: return .boolean(text == "true")
        case .datetime: return EsqlValue.parseDate(text).map(EsqlValue.datetime) ?? .string(text)
        default: return .string(text)
        }
    }

    /// `a, "b, c", d` → three items.
    static func splitList(_ text: String) -> [String] {
        var items: [String] = []
        var item = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character == ",", !quoted {
                items.append(item)
                item = ""
            } else {
                item.append(character)
            }
        }
        items.append(item)
        return items
    }
}
