public import EsqlEngine

/// A label for the rows of a rule's execution over a case's documents, chosen by their `BY` values
/// (`match: {Esql.dest_host: "198.51.100.7"}`): a case may label each host × destination row on its own.
/// A row matched by no entry takes the case's label; a row matched by two entries is an error.
public struct RowLabel: Sendable, Codable, Hashable {
    /// `BY` column name → value as the row key prints it (`null` for a null value), in file order.
    public var match: [Match]
    public var label: Label
    /// The row's breakdown group; nil: the case's scenario.
    public var scenario: String?
    public var notes: String?

    /// One `column: value` condition.
    public struct Match: Sendable, Codable, Hashable {
        public var column: String
        public var value: String

        public init(column: String, value: String) {
            self.column = column
            self.value = value
        }
    }

    public init(match: [Match], label: Label, scenario: String? = nil, notes: String? = nil) {
        self.match = match
        self.label = label
        self.scenario = scenario
        self.notes = notes
    }

    /// Whether every condition holds on `row` (values compared as the row key prints them).
    public func matches(_ row: EsqlRow) -> Bool {
        match.allSatisfy { condition in (row[condition.column].map(RuleExecution.keyText) ?? "null") == condition.value }
    }

    /// `{Esql.dest_host: 198.51.100.7}`: how warnings and errors name the entry.
    public var description: String {
        "{" + match.map { "\($0.column): \($0.value)" }.joined(separator: ", ") + "}"
    }
}

extension TriageCase {
    /// The ``rowLabels`` entry labeling `row`, nil when none does.
    /// - Throws: a message naming the case, the row and both entries when two entries match it.
    public func rowLabel(for row: EsqlRow, key: String) throws(RowLabelConflict) -> RowLabel? {
        let matching = (rowLabels ?? []).enumerated().filter { $0.element.matches(row) }
        guard matching.count <= 1 else {
            throw RowLabelConflict(
                message: "case \(id): row \(key) is matched by row_labels[\(matching[0].offset)] \(matching[0].element.description) and row_labels[\(matching[1].offset)] \(matching[1].element.description)"
            )
        }
        return matching.first?.element
    }
}

/// Two `row_labels` entries of a case match one row.
public struct RowLabelConflict: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
