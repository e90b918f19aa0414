/// A time span literal: `TIME_DURATION` (`5 minutes`, `1 hour`: a fixed number of milliseconds) or
/// `DATE_PERIOD` (`1 day`, `2 weeks`, `3 months`, `1 year`: calendar units), with ES|QL's units and
/// abbreviations (`esql-time-spans.md`).
public struct EsqlTimeSpan: Sendable, Hashable, CustomStringConvertible {
    /// A calendar or clock unit.
    public enum Unit: String, Sendable, Hashable {
        case millisecond, second, minute, hour, day, week, month, quarter, year
    }

    public var amount: Int64
    public var unit: Unit

    public init(_ amount: Int64, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Reads a unit as ES|QL spells it (case-insensitive, singular, plural or abbreviated).
    public static func unit(named name: String) -> Unit? {
        switch name.lowercased() {
        case "millisecond", "milliseconds", "ms": .millisecond
        case "second", "seconds", "sec", "s": .second
        case "minute", "minutes", "min": .minute
        case "hour", "hours", "h": .hour
        case "day", "days", "d": .day
        case "week", "weeks", "w": .week
        case "month", "months", "mo": .month
        case "quarter", "quarters", "q": .quarter
        case "year", "years", "yr", "y": .year
        default: nil
        }
    }

    /// Whether this is a `DATE_PERIOD` (days and longer) rather than a `TIME_DURATION`.
    public var isPeriod: Bool { [.day, .week, .month, .quarter, .year].contains(unit) }

    /// The span in milliseconds for clock units (and days and weeks, which are fixed in UTC); nil for months and longer.
    public var fixedMillis: Int64? {
        switch unit {
        case .millisecond: amount
        case .second: amount * 1000
        case .minute: amount * 60_000
        case .hour: amount * 3_600_000
        case .day: amount * 86_400_000
        case .week: amount * 7 * 86_400_000
        case .month, .quarter, .year: nil
        }
    }

    public var description: String { "\(amount) \(unit.rawValue)\(amount == 1 ? "" : "s")" }
}
