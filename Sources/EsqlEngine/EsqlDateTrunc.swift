internal import Foundation

/// `DATE_TRUNC(interval, date)` in UTC, as Elasticsearch rounds: a clock duration (`5 minutes`) and a
/// span of days other than 1 or 7 round down to a multiple of the span since the epoch; `1 day`,
/// `1 week` (to Monday), `1 month`, `1 quarter` and `1 year` round to the calendar unit, and
/// `N months`/`N years` to a multiple of N units since 1970.
enum EsqlDateTrunc {
    static func truncate(_ millis: Int64, to span: EsqlTimeSpan, line: Int) throws(EsqlError) -> Int64 {
        guard span.amount > 0 else { throw EsqlError(line: line, "DATE_TRUNC: the interval must be positive, got \(span)") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone.current
        let date = Date(timeIntervalSince1970: Double(millis.floorDivided(by: 1000)))
        func epochMillis(_ components: DateComponents) -> Int64 {
            guard let start = calendar.date(from: components) else { return millis }
            return Int64(start.timeIntervalSince1970) * 1000
        }
        switch span.unit {
        case .week where span.amount == 1:
            // ISO weeks start on Monday; 1970-01-05 was a Monday.
            let monday: Int64 = 4 * 86_400_000
            return (millis - monday).floorDivided(by: 604_800_000) * 604_800_000 + monday
        case .millisecond, .second, .minute, .hour, .day, .week:
            let step = span.fixedMillis ?? 1
            return millis.floorDivided(by: step) * step
        case .month, .quarter, .year:
            let months = span.unit == .year ? span.amount * 12 : (span.unit == .quarter ? span.amount * 3 : span.amount)
            let c = calendar.dateComponents([.year, .month], from: date)
            let index = Int64((c.year ?? 1970) - 1970) * 12 + Int64((c.month ?? 1) - 1)
            let start = index.floorDivided(by: months) * months
            return epochMillis(DateComponents(year: 1970 + Int(start.floorDivided(by: 12)), month: Int(start - start.floorDivided(by: 12) * 12) + 1, day: 1))
        }
    }
}
