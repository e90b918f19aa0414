public import EsqlEngine
/// A case as the row a rule's `STATS … BY` would produce for its alerts, so the rule's own
/// post-`STATS` commands can run on it.
///
/// `COUNT(*)` is `alert_count`; `COUNT_DISTINCT(f)` and `VALUES(f)` come from the case list holding
/// `f` (``CaseFields``), in the case's order without repeats; `MAX(kibana.alert.risk_score)` is `max_risk_score` (a
/// double); `MIN`/`MAX(@timestamp)` span `time_window_minutes` from ``CaseFields/windowStart``;
/// the `BY` columns are the entity's name and id. A column no case field holds is listed in ``unsupplied``.
public struct CaseRow: Sendable {
    public var row: EsqlRow
    /// Columns the case cannot fill (null in ``row``).
    public var unsupplied: Set<String>

    public init(_ item: TriageCase, stats: RulePipeline.Stats) {
        var row = EsqlRow()
        var unsupplied: Set<String> = []
        for assignment in stats.aggregations {
            if let value = Self.aggregate(assignment.expression, item) {
                row[assignment.name] = value
            } else {
                row[assignment.name] = .null
                unsupplied.insert(assignment.name)
            }
        }
        for group in stats.groups {
            switch group {
            case "host.name", "user.name": row[group] = item.entity.map { .string($0.name) } ?? .null
            case "host.id", "user.id": row[group] = item.entity?.id.map(EsqlValue.string) ?? .null
            default:
                row[group] = .null
                unsupplied.insert(group)
            }
        }
        self.row = row
        self.unsupplied = unsupplied
    }

    static func aggregate(_ expression: EsqlExpression, _ item: TriageCase) -> EsqlValue? {
        guard case .call(let function, let arguments, _) = expression, arguments.count == 1 else { return nil }
        if function == "COUNT", case .star = arguments[0] { return item.alertCount.map { .integer(Int64($0)) } ?? .null }
        guard case .column(let field, _) = arguments[0] else { return nil }
        switch (function, field) {
        case ("MAX", CaseFields.riskScore): return item.maxRiskScore.map(EsqlValue.double) ?? .null
        case ("MIN", CaseFields.timestamp): return .datetime(CaseFields.windowStart)
        case ("MAX", CaseFields.timestamp): return .datetime(CaseFields.windowStart + Int64(item.timeWindowMinutes ?? 0) * 60_000)
        default: break
        }
        guard let list = CaseFields.lists[field] else { return nil }
        let values = item[keyPath: list]
        switch function {
        case "VALUES":
            var seen: Set<String> = []
            return .strings(values.filter { seen.insert($0).inserted })
        case "COUNT_DISTINCT": return .integer(Int64(Set(values).count))
        case "COUNT": return .integer(Int64(values.count))
        default: return nil
        }
    }
}
