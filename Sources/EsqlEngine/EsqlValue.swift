/// A value in an ES|QL row: null, a single value, or a multi-value (ES|QL's multi-valued fields).
public enum EsqlValue: Sendable, Hashable {
    case null
    case boolean(Bool)
    /// `integer` and `long`.
    case integer(Int64)
    case double(Double)
    /// `keyword`/`text` (and `ip`, held as its text).
    case string(String)
    /// `datetime`: milliseconds since the epoch, UTC.
    case datetime(Int64)
    /// A multi-value of two or more single values (one value is held as itself, none as `null`).
    case multi([EsqlValue])
    /// A time span literal (`5 minutes`, `1 day`): only an argument, never a stored column.
    case timeSpan(EsqlTimeSpan)

    /// A multi-value from a list: null when empty, the value itself when single.
    public static func values(_ items: [EsqlValue]) -> EsqlValue {
        let flat = items.flatMap(\.elements)
        switch flat.count {
        case 0: return .null
        case 1: return flat[0]
        default: return .multi(flat)
        }
    }

    /// A multi-value of strings (null when empty).
    public static func strings(_ items: [String]) -> EsqlValue { values(items.map(EsqlValue.string)) }

    /// The single values (none for null).
    public var elements: [EsqlValue] {
        switch self {
        case .null: []
        case .multi(let items): items
        default: [self]
        }
    }

    public var isNull: Bool { self == .null }
    public var isMulti: Bool { if case .multi = self { true } else { false } }

    /// The ES|QL type name, for messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .boolean: "boolean"
        case .integer: "long"
        case .double: "double"
        case .string: "keyword"
        case .datetime: "datetime"
        case .multi(let items): items.first?.typeName ?? "null"
        case .timeSpan(let span): span.isPeriod ? "date_period" : "time_duration"
        }
    }
}
