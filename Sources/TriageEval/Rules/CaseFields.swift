/// Which alert (ECS) field each list of a ``TriageCase`` holds, as the rules' `STATS` aggregate them.
public enum CaseFields {
    /// ECS field → the case's values of it (the rule's `VALUES(field)`).
    public static let lists: [String: any WritableKeyPath<TriageCase, [String]> & Sendable] = [
        "kibana.alert.rule.name": \.rules,
        "kibana.alert.rule.threat.tactic.name": \.tactics,
        "kibana.alert.rule.threat.technique.name": \.techniques,
        "process.command_line": \.commandLines,
        "process.parent.command_line": \.parentCommandLines,
        "user.name": \.users,
        "file.path": \.filePaths,
        "dll.path": \.dllPaths,
        "dns.question.name": \.dnsQueries,
        "registry.path": \.registryPaths,
        "registry.data.strings": \.registryValues,
        "host.name": \.hosts,
        "source.ip": \.sourceIPs,
        "destination.ip": \.destinationIPs,
        "event.dataset": \.datasets,
        "process.executable": \.executables,
        "user.email": \.emails,
    ]

    /// The field `MAX` of which is the case's `max_risk_score`.
    public static let riskScore = "kibana.alert.risk_score"
    /// The field `MIN`/`MAX` of which span the case's `time_window_minutes`.
    public static let timestamp = "@timestamp"
    /// Where a case's time window starts when it is laid out as timestamps (2026-01-01T00:00:00Z).
    public static let windowStart: Int64 = 1_767_225_600_000
}
