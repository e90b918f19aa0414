/// The variables a prompt template can use, built from one case.
///
/// Every list field is available as a list (for `{{#command_lines}}…{{/command_lines}}`) and as a
/// string joined the way the rules' `COALESCE(MV_CONCAT(…), …)` joins it (`cmdlines_str`, …).
/// `alert_summary` is the layout of the published host rule. A summary-only case supplies only
/// `alert_summary` (and the entity, when given).
public struct CaseContext: Sendable {
    /// Variable name → value.
    public let variables: [String: VariableValue]
    /// The case the variables come from (a rule prompt renders from it directly).
    public let item: TriageCase

    /// A template variable's value.
    public enum VariableValue: Sendable, Equatable {
        case text(String)
        case list([String])

        /// The value as Mustache renders it.
        var mustacheValue: Any {
            switch self {
            case .text(let text): text
            case .list(let list): list
            }
        }
    }

    /// Every variable name a structured case supplies, with a one-line meaning (for docs and errors).
    public static let catalog: [(name: String, meaning: String)] = [
        ("entity_type", "host or user"), ("entity_name", "host.name or user.name"), ("entity_id", "host.id or user.id"),
        ("host_name", "entity name of a host case"), ("host_id", "entity id of a host case"),
        ("user_name", "entity name of a user case"), ("user_id", "entity id of a user case"),
        ("alert_count", "COUNT(*)"), ("unique_rules", "COUNT_DISTINCT(rule name)"), ("host_count", "COUNT_DISTINCT(host.name)"),
        ("time_window_minutes", "DATE_DIFF minutes"), ("max_risk_score", "MAX(risk_score) as ES|QL prints it (99.0)"),
        ("rules", "list"), ("rules_str", "'; '-joined"), ("tactics", "list"), ("tactics_str", "', '-joined or unknown"),
        ("techniques", "list"), ("techniques_str", "', '-joined or unknown"),
        ("command_lines", "list"), ("cmdlines_str", "'; '-joined or n/a"),
        ("parent_command_lines", "list"), ("parent_cmdlines_str", "'; '-joined or n/a"),
        ("users", "list"), ("users_str", "', '-joined or n/a"),
        ("file_paths", "list"), ("files_str", "'; '-joined or n/a"), ("dll_paths", "list"), ("dlls_str", "'; '-joined or n/a"),
        ("dns_queries", "list"), ("dns_str", "'; '-joined or n/a"),
        ("registry_paths", "list"), ("registry_str", "'; '-joined or n/a"),
        ("registry_values", "list"), ("registry_values_str", "'; '-joined or n/a"),
        ("hosts", "list"), ("hosts_str", "', '-joined or unknown"),
        ("source_ips", "list"), ("source_ips_str", "', '-joined or unknown"),
        ("destination_ips", "list"), ("destination_ips_str", "', '-joined or unknown"),
        ("datasets", "list"), ("datasets_str", "', '-joined or unknown"),
        ("executables", "list"), ("processes_str", "', '-joined or unknown"),
        ("emails", "list"), ("emails_str", "'; '-joined or n/a"),
        ("alert_summary", "the published one-line context"),
    ]

    /// The names a case with documents supplies to `{{#python}}` sections (not to plain Mustache tags), with their meaning.
    public static let documentCatalog: [(name: String, meaning: String)] = [
        ("alert", "the case's first document's _source as a Python dict (keys in document order, as json.loads reads it); {{#python}} only"),
        ("alerts", "all the case's documents' _source as a Python list of dicts; {{#python}} only"),
    ]

    /// All variable names a structured case supplies.
    public static let structuredNames: Set<String> = Set(catalog.map(\.name))
    /// The names a case with documents adds for `{{#python}}` sections.
    public static let documentNames: Set<String> = Set(documentCatalog.map(\.name))
    /// The variable names a summary-only case supplies.
    public static let summaryOnlyNames: Set<String> = [
        "alert_summary", "entity_type", "entity_name", "entity_id", "host_name", "host_id", "user_name", "user_id",
    ]

    public init(_ item: TriageCase) {
        self.item = item
        var v: [String: VariableValue] = [:]
        if let entity = item.entity {
            v["entity_type"] = .text(entity.type.rawValue)
            v["entity_name"] = .text(entity.name)
            v["entity_id"] = .text(entity.id ?? "")
            let prefix = entity.type == .host ? "host" : "user"
            v["\(prefix)_name"] = .text(entity.name)
            v["\(prefix)_id"] = .text(entity.id ?? "")
        }
        if let summary = item.alertSummary {
            v["alert_summary"] = .text(summary)
            variables = v
            return
        }
        v["alert_count"] = .text(String(item.alertCount ?? 0))
        v["unique_rules"] = .text(String(Set(item.rules).count))
        v["host_count"] = .text(String(Set(item.hosts).count))
        v["time_window_minutes"] = .text(String(item.timeWindowMinutes ?? 0))
        v["max_risk_score"] = .text(item.maxRiskScore.map(EsqlText.double) ?? "0.0")

        func add(_ list: [String], _ name: String, _ joined: String, _ separator: String, _ fallback: String) {
            v[name] = .list(list)
            v[joined] = .text(EsqlText.joined(list, separator, orElse: fallback))
        }
        add(item.rules, "rules", "rules_str", "; ", "")
        add(item.tactics, "tactics", "tactics_str", ", ", "unknown")
        add(item.techniques, "techniques", "techniques_str", ", ", "unknown")
        add(item.commandLines, "command_lines", "cmdlines_str", "; ", "n/a")
        add(item.parentCommandLines, "parent_command_lines", "parent_cmdlines_str", "; ", "n/a")
        add(item.users, "users", "users_str", ", ", "n/a")
        add(item.filePaths, "file_paths", "files_str", "; ", "n/a")
        add(item.dllPaths, "dll_paths", "dlls_str", "; ", "n/a")
        add(item.dnsQueries, "dns_queries", "dns_str", "; ", "n/a")
        add(item.registryPaths, "registry_paths", "registry_str", "; ", "n/a")
        add(item.registryValues, "registry_values", "registry_values_str", "; ", "n/a")
        add(item.hosts, "hosts", "hosts_str", ", ", "unknown")
        add(item.sourceIPs, "source_ips", "source_ips_str", ", ", "unknown")
        add(item.destinationIPs, "destination_ips", "destination_ips_str", ", ", "unknown")
        add(item.datasets, "datasets", "datasets_str", ", ", "unknown")
        add(item.executables, "executables", "processes_str", ", ", "unknown")
        add(item.emails, "emails", "emails_str", "; ", "n/a")

        func text(_ name: String) -> String {
            if case .text(let value)? = v[name] { return value }
            return ""
        }
        let entityLabel = item.entity?.type == .user ? "User" : "Host"
        v["alert_summary"] = .text(
            "\(entityLabel): \(item.entity?.name ?? "") | Alert count: \(text("alert_count")) | Time window: \(text("time_window_minutes")) minutes"
                + " | Max risk score: \(text("max_risk_score")) | Rules triggered: \(text("rules_str")) | MITRE Tactics: \(text("tactics_str"))"
                + " | MITRE Techniques: \(text("techniques_str")) | Command lines: \(text("cmdlines_str"))"
                + " | Parent command lines: \(text("parent_cmdlines_str")) | Users: \(text("users_str")) | File paths: \(text("files_str"))"
                + " | DLL paths: \(text("dlls_str")) | DNS queries: \(text("dns_str")) | Registry paths: \(text("registry_str"))"
                + " | Registry values: \(text("registry_values_str"))"
        )
        variables = v
    }

    /// The variables as Python values for `{{#python}}` sections: text as `str`, lists as `list` of `str`; for a
    /// case with documents also `alert` (the first document's `_source` as the dict `json.loads` makes of it) and
    /// `alerts` (every document's, in case order).
    public var pythonValues: [String: PythonValue] {
        var values = variables.mapValues { value -> PythonValue in
            switch value {
            case .text(let text): .str(text)
            case .list(let list): .list(list.map(PythonValue.str))
            }
        }
        if let documents = item.documents, !documents.isEmpty {
            // A stored `_source` is compact JSON this reader wrote, so it always loads.
            let sources = documents.map { PythonJSON.loads($0.source) ?? .none }
            values["alert"] = sources[0]
            values["alerts"] = .list(sources)
        }
        return values
    }

    /// The variables as a Mustache render context, with the `{{#python}}` section (its failures go to `failures`, what it
    /// loses to `trace`).
    func mustacheObject(recording failures: PythonTemplateSection.Failures, tracing trace: PythonTrace? = nil) -> [String: Any] {
        var object = variables.mapValues(\.mustacheValue)
        object[PythonTemplateSection.name] = PythonTemplateSection.lambda({ [self] in pythonValues }, failures: failures, trace: trace)
        return object
    }
}
