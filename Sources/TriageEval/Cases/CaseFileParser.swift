internal import EsqlEngine
internal import Yams

/// Reads a `cases/*.yaml` file: a YAML list of cases (fields: README and docs/architecture.md), or the same cases as JSONL.
///
/// Every problem is an ``InputError`` naming the file, line and field; unknown keys, a missing
/// label and duplicate ids are errors, so a typo never silently drops data. An entry with an explicit
/// `label: null` is a draft awaiting a label (as `cases from-alerts` writes them) and is not a case yet.
public enum CaseFileParser {
    /// The structured context fields (list-valued).
    static let listFields: [TriageCase.CodingKeys] = [
        .rules, .tactics, .techniques, .commandLines, .parentCommandLines, .users, .filePaths, .dllPaths,
        .dnsQueries, .registryPaths, .registryValues, .hosts, .sourceIPs, .destinationIPs, .datasets, .executables, .emails,
    ]
    /// Every case key except the variant fields, which only `run --variants` sets.
    static let allowedKeys = Set(TriageCase.CodingKeys.allCases.map(\.rawValue))
        .subtracting([TriageCase.CodingKeys.variantOf.rawValue, TriageCase.CodingKeys.transform.rawValue])
        .union(["documents_file", "index"])

    /// Reads a `documents_file:` named relative to the case file; errors name that file.
    public typealias FileReader = @Sendable (_ relativePath: String) throws(InputError) -> String
    /// Bump when a change here changes what a file yields: files recorded as imported by an older reader
    /// are then parsed again instead of being skipped as unchanged.
    public static let readerRevision = 4

    /// What one case file holds: its cases, and the ids of the drafts (`label: null`) it skipped.
    public struct Contents: Sendable, Equatable {
        public var cases: [TriageCase]
        /// Draft entries awaiting a label, by id (or `entry N` when the draft has no id).
        public var drafts: [String]
    }

    /// Parses one file's text. `file` is the name used in errors; `readFile` reads `documents_file:`s
    /// (without one, a case naming a documents file is an error).
    public static func parse(_ text: String, file: String, readFile: FileReader? = nil) throws(InputError) -> [TriageCase] {
        try read(text, file: file, readFile: readFile).cases
    }

    /// Parses one file's text: a YAML list of cases, or (for a `.jsonl` file) one case per line as
    /// `cases export --format jsonl` writes them, checked field by field exactly as YAML is.
    public static func read(_ text: String, file: String, readFile: FileReader? = nil) throws(InputError) -> Contents {
        if file.hasSuffix(".jsonl") { return try readJSONL(text, file: file, readFile: readFile) }
        guard let root = try YAMLMapping.compose(text, file: file) else { return Contents(cases: [], drafts: []) }
        guard case .sequence(let items) = root else {
            throw InputError(file: file, line: root.mark?.line, message: "expected a list of cases (each item starting with `- id:`)")
        }
        var seen: [String: Int] = [:]
        var contents = Contents(cases: [], drafts: [])
        for (index, node) in items.enumerated() {
            if let map = try? YAMLMapping(node, file: file, path: ""), map.has("label"), map.value("label") == nil {
                contents.drafts.append(((try? map.string("id")) ?? nil) ?? "entry \(index + 1)")
                continue
            }
            let item = try parseCase(node, file: file, index: index, readFile: readFile)
            let line = node.mark?.line ?? 0
            if let first = seen[item.id] {
                throw InputError(file: file, line: line, field: "cases[\(index)].id", message: "duplicate id \"\(item.id)\" (first defined on line \(first))")
            }
            seen[item.id] = line
            contents.cases.append(item)
        }
        return contents
    }

    static func parseCase(_ node: Node, file: String, index: Int, readFile: FileReader?) throws(InputError) -> TriageCase {
        let map = try YAMLMapping(node, file: file, path: "cases[\(index)]")
        try map.checkKeys(allowedKeys)

        let id = try map.requiredString("id")
        guard isValidID(id) else {
            throw map.error("id", "must contain only letters, digits, '-', '_' or '.', got \"\(id)\"")
        }
        let labelText = try map.requiredString("label")
        guard let label = Label(rawValue: labelText) else {
            throw map.error("label", "must be TP or FP, got \"\(labelText)\"")
        }
        var item = TriageCase(id: id, label: label, scenario: try map.requiredString("scenario"))
        item.tags = try map.stringList("tags")
        item.entity = try parseEntity(map)
        item.alertCount = try nonNegative(map, "alert_count")
        item.timeWindowMinutes = try nonNegative(map, "time_window_minutes")
        item.maxRiskScore = try map.double("max_risk_score")
        item.rules = try map.stringList("rules")
        item.tactics = try map.stringList("tactics")
        item.techniques = try map.stringList("techniques")
        item.commandLines = try map.stringList("command_lines")
        item.parentCommandLines = try map.stringList("parent_command_lines")
        item.users = try map.stringList("users")
        item.filePaths = try map.stringList("file_paths")
        item.dllPaths = try map.stringList("dll_paths")
        item.dnsQueries = try map.stringList("dns_queries")
        item.registryPaths = try map.stringList("registry_paths")
        item.registryValues = try map.stringList("registry_values")
        item.hosts = try map.stringList("hosts")
        item.sourceIPs = try map.stringList("source_ips")
        item.destinationIPs = try map.stringList("destination_ips")
        item.datasets = try map.stringList("datasets")
        item.executables = try map.stringList("executables")
        item.emails = try map.stringList("emails")
        item.alertSummary = try map.string("alert_summary")
        item.source = try map.string("source")
        item.notes = try map.string("notes")
        item.documents = try parseDocuments(map, file: file, caseID: id, readFile: readFile)
        item.executedAt = try map.string("executed_at")
        if let text = item.executedAt, EsqlValue.parseDate(text) == nil {
            throw map.error("executed_at", "must be an ISO-8601 timestamp, got \"\(text)\"")
        }
        item.rowLabels = try parseRowLabels(map, hasDocuments: item.documents != nil)
        item.expected = try parseExpected(map)
        try checkContext(item, map)
        return item
    }

    /// `expected:` — a mapping of case field → expected value (a string) for prompts' secondary outputs.
    static func parseExpected(_ map: YAMLMapping) throws(InputError) -> [String: String]? {
        guard let expected = try map.submapping("expected") else { return nil }
        var values: [String: String] = [:]
        for key in expected.keys {
            guard let value = try expected.string(key), !value.isBlank else { throw expected.error(key, "must be a non-empty string") }
            values[key] = value
        }
        if values.isEmpty { throw map.error("expected", "must hold at least one field: value") }
        return values
    }

    /// `row_labels:` — entries `{match: {BY column: value, …}, label: TP|FP, scenario?, notes?}` labeling
    /// the rows of a rule's execution over the case's documents.
    static func parseRowLabels(_ map: YAMLMapping, hasDocuments: Bool) throws(InputError) -> [RowLabel]? {
        guard map.value("row_labels") != nil else { return nil }
        if !hasDocuments { throw map.error("row_labels", "labels rows of a rule over documents, but the case has no documents: or documents_file:") }
        var entries: [RowLabel] = []
        for (index, node) in try map.list("row_labels").enumerated() {
            let entry = try YAMLMapping(node, file: map.file, path: "\(map.fieldPath("row_labels"))[\(index)]")
            try entry.checkKeys(["match", "label", "scenario", "notes"])
            guard let matchMap = try entry.submapping("match"), !matchMap.keys.isEmpty else {
                throw entry.error("match", "is required: a mapping of BY column names to values")
            }
            var match: [RowLabel.Match] = []
            for column in matchMap.keys {
                guard let node = matchMap.values[column], case .scalar(let scalar) = node else {
                    throw matchMap.error(column, "expected a value (string or number)")
                }
                match.append(RowLabel.Match(column: column, value: node.null != nil ? "null" : scalar.string))
            }
            let labelText = try entry.requiredString("label")
            guard let label = Label(rawValue: labelText) else { throw entry.error("label", "must be TP or FP, got \"\(labelText)\"") }
            entries.append(RowLabel(match: match, label: label, scenario: try entry.string("scenario"), notes: try entry.string("notes")))
        }
        if entries.isEmpty { throw map.error("row_labels", "must hold at least one entry") }
        return entries
    }

    /// `documents:` (inline) or `documents_file:` (NDJSON beside the case file), each in the case's `index:`
    /// unless a hit names its own `_index`.
    static func parseDocuments(_ map: YAMLMapping, file: String, caseID: String, readFile: FileReader?) throws(InputError) -> [CaseDocument]? {
        let index = try map.string("index")
        switch (map.has("documents"), try map.string("documents_file")) {
        case (false, nil):
            if map.has("index") { throw map.error("index", "names the index of documents, but the case has no documents: or documents_file:") }
            return nil
        case (true, .some):
            throw map.error("documents_file", "give documents: or documents_file:, not both")
        case (true, nil):
            let documents = try CaseDocumentsParser.parseYAML(
                try map.list("documents"), file: file, path: map.fieldPath("documents"), caseID: caseID, index: index
            )
            if documents.isEmpty { throw map.error("documents", "must hold at least one document") }
            return documents
        case (false, .some(let path)):
            guard let readFile else { throw map.error("documents_file", "cannot be read here (no file access)") }
            let documents = try CaseDocumentsParser.parseNDJSON(try readFile(path), file: path, caseID: caseID, index: index)
            if documents.isEmpty { throw map.error("documents_file", "\(path) holds no documents") }
            return documents
        }
    }

    /// A case id holds only letters, digits, `-`, `_` and `.`.
    static func isValidID(_ id: String) -> Bool {
        id.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
    }

    static func parseEntity(_ map: YAMLMapping) throws(InputError) -> Entity? {
        guard let entity = try map.submapping("entity") else { return nil }
        try entity.checkKeys(["type", "name", "id"])
        let typeText = try entity.requiredString("type")
        guard let kind = Entity.Kind(rawValue: typeText) else {
            throw entity.error("type", "must be host or user, got \"\(typeText)\"")
        }
        return Entity(type: kind, name: try entity.requiredString("name"), id: try entity.string("id"))
    }

    static func nonNegative(_ map: YAMLMapping, _ key: String) throws(InputError) -> Int? {
        guard let value = try map.int(key) else { return nil }
        guard value >= 0 else { throw map.error(key, "must not be negative") }
        return value
    }

    /// A case is either summary-only or structured with the fields every prompt layout needs.
    static func checkContext(_ item: TriageCase, _ map: YAMLMapping) throws(InputError) {
        if item.alertSummary != nil {
            let structured = listFields.map(\.rawValue) + ["alert_count", "time_window_minutes", "max_risk_score"]
            // An empty list or a null is no context (a JSONL export writes them for every case).
            if let extra = structured.first(where: { key in
                guard let node = map.value(key) else { return false }
                if case .sequence(let items) = node { return !items.isEmpty }
                return true
            }) {
                throw map.error(extra, "a case with alert_summary carries only that context; remove \(extra) or alert_summary")
            }
            return
        }
        // A documents-only case (an empty `rules` list, as a JSONL export writes it, is no rules).
        if item.documents != nil, item.rules.isEmpty { return }
        for key in ["entity", "alert_count", "time_window_minutes", "max_risk_score"] where !map.has(key) {
            throw map.error(at: nil, field: map.fieldPath(key), "is required (or give a ready alert_summary, or documents, instead)")
        }
        if item.rules.isEmpty {
            throw map.error(at: map.values["rules"], field: map.fieldPath("rules"), "must list at least one rule name")
        }
    }
}
