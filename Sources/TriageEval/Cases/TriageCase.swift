/// One labeled entity whose grouped alerts a model judges: the unit of evaluation.
///
/// Cases come from `cases/*.yaml` (see ``CaseFileParser``). Either the structured alert fields
/// are given (rules, command lines, …) and prompts lay them out, or a ready ``alertSummary``
/// string is given and that is the only context a prompt gets.
public struct TriageCase: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    public var label: Label
    /// Breakdown group, e.g. `SCCM`, `LSASS`.
    public var scenario: String
    /// Free tags; `must-alert`, `must-not-alert`, `injection` and `hard` have meaning in reports and gates.
    public var tags: [String]
    public var entity: Entity?

    public var alertCount: Int?
    public var timeWindowMinutes: Int?
    /// `MAX(kibana.alert.risk_score)`; a float in Elasticsearch, so ES|QL prints it as `99.0`.
    public var maxRiskScore: Double?

    public var rules: [String]
    public var tactics: [String]
    public var techniques: [String]
    public var commandLines: [String]
    public var parentCommandLines: [String]
    public var users: [String]
    public var filePaths: [String]
    public var dllPaths: [String]
    public var dnsQueries: [String]
    public var registryPaths: [String]
    public var registryValues: [String]
    /// User-entity context (the user triage rule): hosts, IPs, data sources, executables, e-mails.
    public var hosts: [String]
    public var sourceIPs: [String]
    public var destinationIPs: [String]
    public var datasets: [String]
    public var executables: [String]
    public var emails: [String]

    /// A ready context string (ROW-style case); when set, the structured fields are empty.
    public var alertSummary: String?

    /// The source documents a rule's query runs over (nil for a hand-written case); see ``CaseDocument``.
    public var documents: [CaseDocument]?
    /// When the rule runs over ``documents`` (ISO-8601); nil: one second after the latest document.
    public var executedAt: String?
    /// Labels for rows of a rule's execution over ``documents``, by their `BY` values; see ``RowLabel``
    /// (nil when the case gives none, so older cases keep their content hash).
    public var rowLabels: [RowLabel]?
    /// Expected values of a prompt's secondary outputs, by case field (`expected: {priority: high}`);
    /// nil when the case gives none, so older cases keep their content hash.
    public var expected: [String: String]?

    /// Where the case came from.
    public var source: String?
    /// Why it is labeled so.
    public var notes: String?

    /// For a robustness variant (id `base~transform~n`, see ``CaseVariantID``): the base case's id; nil for a
    /// case of a file. Not accepted in case files; omitted from a base case's JSON, so its content hash is unchanged.
    public var variantOf: String?
    /// For a robustness variant: the name of the transform that made it from ``variantOf``.
    public var transform: String?

    public init(
        id: String, label: Label, scenario: String, tags: [String] = [], entity: Entity? = nil,
        alertCount: Int? = nil, timeWindowMinutes: Int? = nil, maxRiskScore: Double? = nil,
        rules: [String] = [], tactics: [String] = [], techniques: [String] = [],
        commandLines: [String] = [], parentCommandLines: [String] = [], users: [String] = [],
        filePaths: [String] = [], dllPaths: [String] = [], dnsQueries: [String] = [],
        registryPaths: [String] = [], registryValues: [String] = [],
        hosts: [String] = [], sourceIPs: [String] = [], destinationIPs: [String] = [],
        datasets: [String] = [], executables: [String] = [], emails: [String] = [],
        alertSummary: String? = nil, source: String? = nil, notes: String? = nil
    ) {
        self.id = id
        self.label = label
        self.scenario = scenario
        self.tags = tags
        self.entity = entity
        self.alertCount = alertCount
        self.timeWindowMinutes = timeWindowMinutes
        self.maxRiskScore = maxRiskScore
        self.rules = rules
        self.tactics = tactics
        self.techniques = techniques
        self.commandLines = commandLines
        self.parentCommandLines = parentCommandLines
        self.users = users
        self.filePaths = filePaths
        self.dllPaths = dllPaths
        self.dnsQueries = dnsQueries
        self.registryPaths = registryPaths
        self.registryValues = registryValues
        self.hosts = hosts
        self.sourceIPs = sourceIPs
        self.destinationIPs = destinationIPs
        self.datasets = datasets
        self.executables = executables
        self.emails = emails
        self.alertSummary = alertSummary
        self.source = source
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, label, scenario, tags, entity
        case alertCount = "alert_count"
        case timeWindowMinutes = "time_window_minutes"
        case maxRiskScore = "max_risk_score"
        case rules, tactics, techniques
        case commandLines = "command_lines"
        case parentCommandLines = "parent_command_lines"
        case users
        case filePaths = "file_paths"
        case dllPaths = "dll_paths"
        case dnsQueries = "dns_queries"
        case registryPaths = "registry_paths"
        case registryValues = "registry_values"
        case hosts
        case sourceIPs = "source_ips"
        case destinationIPs = "destination_ips"
        case datasets, executables, emails
        case alertSummary = "alert_summary"
        case documents
        case executedAt = "executed_at"
        case rowLabels = "row_labels"
        case expected
        case source, notes
        case variantOf = "variant_of"
        case transform
    }

    /// Whether this case carries only a ready `alert_summary` string.
    public var isSummaryOnly: Bool { alertSummary != nil }

    /// Whether the case is only documents: no structured fields, no summary (rules' queries judge it).
    public var isDocumentsOnly: Bool { documents != nil && rules.isEmpty && alertSummary == nil }

    /// Whether the case is a robustness variant of another case.
    public var isVariant: Bool { variantOf != nil }

    /// Whether the case carries a tag.
    public func hasTag(_ tag: String) -> Bool { tags.contains(tag) }
}
