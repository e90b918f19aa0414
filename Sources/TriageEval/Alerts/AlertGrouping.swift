public import EsqlEngine
/// Turns alert documents into cases the way a triage rule groups them: the rule's pre-`STATS`
/// filters, its `STATS … BY` and its post-`STATS` `WHERE`s (or, without a rule, the `STATS` of the
/// bundled host or user rule), then one case per row.
public enum AlertGrouping {
    /// A case built from alerts; unlabeled until an engineer (or a label file) says TP or FP.
    public struct Draft: Sendable {
        public var item: TriageCase
        public var labeled: Bool
    }

    /// The stages applied to the alert rows.
    public struct Stages: Sendable {
        public var filters: [EsqlCommand]
        public var stats: RulePipeline.Stats
        public var postFilters: [EsqlCommand]

        /// A rule's stages: its filters, STATS and the `WHERE`s right after STATS (before its first EVAL).
        public init(rule: DetectionRule) {
            filters = rule.pipeline.filters
            stats = rule.pipeline.stats
            postFilters = Array(rule.pipeline.context.prefix { if case .where = $0 { true } else { false } })
        }

        /// The `STATS` of the bundled (current) host or user rule, without filters.
        public init(kind: Entity.Kind) throws(EsqlError) {
            guard case .stats(let aggregations, let groups, let line)? = try EsqlParser.parse("from a | " + Self.statsText(kind)).last else {
                throw EsqlError(line: 1, "built-in STATS did not parse")
            }
            filters = []
            stats = RulePipeline.Stats(aggregations: aggregations, groups: groups, line: line)
            postFilters = []
        }

        static func statsText(_ kind: Entity.Kind) -> String {
            let common = """
                stats Esql.alerts_count = COUNT(*),
                  Esql.kibana_alert_rule_name_count_distinct = COUNT_DISTINCT(kibana.alert.rule.name),
                  Esql.kibana_alert_rule_name_values = VALUES(kibana.alert.rule.name),
                  Esql.kibana_alert_rule_threat_tactic_name_values = VALUES(kibana.alert.rule.threat.tactic.name),
                  Esql.kibana_alert_rule_threat_technique_name_values = VALUES(kibana.alert.rule.threat.technique.name),
                  Esql.kibana_alert_risk_score_max = MAX(kibana.alert.risk_score),
                  Esql.timestamp_min = MIN(@timestamp), Esql.timestamp_max = MAX(@timestamp),
                """
            switch kind {
            case .host:
                return common + """
                      Esql.process_executable_values = VALUES(process.executable),
                      Esql.process_command_line_values = VALUES(process.command_line),
                      Esql.process_parent_command_line_values = VALUES(process.parent.command_line),
                      Esql.file_path_values = VALUES(file.path), Esql.dll_path_values = VALUES(dll.path),
                      Esql.dns_question_name_values = VALUES(dns.question.name),
                      Esql.registry_data_strings_values = VALUES(registry.data.strings),
                      Esql.registry_path_values = VALUES(registry.path), Esql.user_name_values = VALUES(user.name)
                    by host.id, host.name
                    """
            case .user:
                return common + """
                      Esql.host_name_count_distinct = COUNT_DISTINCT(host.name), Esql.host_name_values = VALUES(host.name),
                      Esql.source_ip_values = VALUES(source.ip), Esql.destination_ip_values = VALUES(destination.ip),
                      Esql.event_dataset_values = VALUES(event.dataset), Esql.process_executable_values = VALUES(process.executable),
                      Esql.user_email_values = VALUES(user.email)
                    by user.name, user.id
                    """
            }
        }

        /// Every column the stages read, so alerts lacking a field read it as null (as ES|QL does).
        var columns: Set<String> {
            var names = Set(stats.groups)
            for command in filters + postFilters { names.formUnion(RulePromptParser.columnsRead(by: command)) }
            for assignment in stats.aggregations { names.formUnion(assignment.expression.columns) }
            return names
        }
    }

    /// One draft per group the stages leave, labeled where `labels` names the entity (name or id).
    public static func drafts(from alerts: [EsqlRow], stages: Stages, labels: [String: CaseLabel] = [:], source: String) throws(EsqlError) -> [Draft] {
        let columns = stages.columns
        let rows = alerts.map { alert in
            var row = alert
            for column in columns where row[column] == nil { row[column] = .null }
            return row
        }
        let grouped = try EsqlEvaluator.run(
            stages.filters + [.stats(stages.stats.aggregations, by: stages.stats.groups, line: stages.stats.line)] + stages.postFilters, on: rows
        )
        let kind: Entity.Kind = stages.stats.groups.contains { $0.hasPrefix("user.") } ? .user : .host
        return grouped.compactMap { row in draft(row, kind: kind, stats: stages.stats, labels: labels, source: source) }
    }

    static func draft(_ row: EsqlRow, kind: Entity.Kind, stats: RulePipeline.Stats, labels: [String: CaseLabel], source: String) -> Draft? {
        let prefix = kind == .host ? "host" : "user"
        guard case .string(let name)? = row["\(prefix).name"] else { return nil }
        var id: String?
        if case .string(let text)? = row["\(prefix).id"] { id = text }
        let label = labels[name] ?? id.flatMap { labels[$0] }
        var item = TriageCase(
            id: "\(prefix)-" + slug(name), label: label?.label ?? .fp, scenario: label?.scenario ?? "unlabeled",
            entity: Entity(type: kind, name: name, id: id), source: source, notes: label?.notes
        )
        var first: Int64?
        var last: Int64?
        for assignment in stats.aggregations {
            guard case .call(let function, let arguments, _) = assignment.expression, arguments.count == 1, let value = row[assignment.name] else { continue }
            switch (function, arguments[0]) {
            case ("COUNT", .star):
                if case .integer(let count) = value { item.alertCount = Int(count) }
            case ("VALUES", .column(let field, _)):
                if let list = CaseFields.lists[field] { item[keyPath: list] = value.elements.compactMap(\.singleText) }
            case ("MAX", .column(CaseFields.riskScore, _)):
                if case .double(let score) = value { item.maxRiskScore = score }
                if case .integer(let score) = value { item.maxRiskScore = Double(score) }
            case ("MIN", .column(CaseFields.timestamp, _)):
                if case .datetime(let millis) = value { first = millis }
            case ("MAX", .column(CaseFields.timestamp, _)):
                if case .datetime(let millis) = value { last = millis }
            default: break
            }
        }
        if let first, let last { item.timeWindowMinutes = Int((last - first) / 60_000) }
        return Draft(item: item, labeled: label != nil)
    }

    /// Lower-case letters, digits and `-` (a case id).
    static func slug(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber { out.append(character) } else if !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "entity" : out
    }
}
