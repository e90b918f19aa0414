public import EsqlEngine
/// Reads exported documents (alerts, events; NDJSON, one `_source` or hit per line) into ES|QL rows.
///
/// Nested objects and dotted keys both become dotted column names (`{"host": {"name": …}}` and
/// `{"host.name": …}` are `host.name`); arrays become multi-values; `@timestamp` and the ECS `event.*`
/// dates (``dateFields``) are datetimes;
/// `kibana.alert.risk_score` is a double (a float field in the alerts index). An Elasticsearch hit
/// (`{"_source": {…}}`) is read through its `_source`, with its `_index`, `_id` and `_version`.
public enum AlertDocuments {
    public static func parse(_ text: String, file: String) throws(InputError) -> [EsqlRow] {
        try documents(text, file: file, index: "").map(\.fields)
    }

    /// The documents with the index each lives in: a hit's `_index` (and its `_id`, `_version`), else `index`;
    /// a document with neither is an error naming its line.
    public static func documents(_ text: String, file: String, index defaultIndex: String?) throws(InputError) -> [EsqlDocument] {
        var documents: [EsqlDocument] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty { continue }
            guard let document = JSONValue.parseDocument(trimmed), case .object(var members) = document else {
                throw InputError(file: file, line: index + 1, message: "expected one JSON object per line (an alert document)")
            }
            var metadata = (index: defaultIndex, id: String?.none, version: Int64?.none)
            if case .object(let source)? = document.member("_source") {
                members = source
                if case .string(let name)? = document.member("_index") { metadata.index = name }
                if case .string(let id)? = document.member("_id") { metadata.id = id }
                if case .number(let version)? = document.member("_version") { metadata.version = Int64(version) }
            }
            guard let documentIndex = metadata.index else {
                throw InputError(file: file, line: index + 1, message: "the document has no _index (give a search hit, or the index its documents live in)")
            }
            do {
                documents.append(EsqlDocument(index: documentIndex, id: metadata.id, version: metadata.version, fields: try row(members)))
            } catch {
                throw InputError(file: file, line: index + 1, field: error.field, message: error.message)
            }
        }
        return documents
    }

    /// Fields read as datetimes (ISO-8601 text).
    public static let dateFields: Set<String> = [CaseFields.timestamp, "event.ingested", "event.created", "event.start", "event.end"]

    /// One document's row.
    public static func row(_ document: CaseDocument) throws(InputError) -> EsqlRow {
        guard case .object(let members)? = JSONValue.parseDocument(document.source) else {
            throw InputError(file: document.id, message: "the stored document is not a JSON object")
        }
        do {
            return try row(members)
        } catch {
            throw InputError(file: document.id, field: error.field, message: error.message)
        }
    }

    static func row(_ members: [(key: String, value: JSONValue)]) throws(FieldError) -> EsqlRow {
        var fields: [String: [EsqlValue]] = [:]
        var order: [String] = []
        try flatten(members, prefix: "", into: &fields, order: &order)
        return EsqlRow(order.map { ($0, EsqlValue.values(fields[$0] ?? [])) })
    }

    struct FieldError: Error {
        var field: String
        var message: String
    }

    static func flatten(
        _ members: [(key: String, value: JSONValue)], prefix: String, into fields: inout [String: [EsqlValue]], order: inout [String]
    ) throws(FieldError) {
        for (key, value) in members {
            let name = prefix.isEmpty ? key : "\(prefix).\(key)"
            try add(value, name: name, into: &fields, order: &order)
        }
    }

    static func add(_ value: JSONValue, name: String, into fields: inout [String: [EsqlValue]], order: inout [String]) throws(FieldError) {
        switch value {
        case .object(let members):
            try flatten(members, prefix: name, into: &fields, order: &order)
        case .array(let items):
            for item in items { try add(item, name: name, into: &fields, order: &order) }
            if fields[name] == nil { fields[name] = []; order.append(name) }
        default:
            if fields[name] == nil { order.append(name) }
            fields[name, default: []].append(try scalar(value, name: name))
        }
    }

    static func scalar(_ value: JSONValue, name: String) throws(FieldError) -> EsqlValue {
        switch value {
        case .null: return .null
        case .bool(let flag): return .boolean(flag)
        case .number(let text):
            if name == CaseFields.riskScore || text.contains(where: { ".eE".contains($0) }) {
                guard let number = Double(text) else { throw FieldError(field: name, message: "invalid number \(text)") }
                return .double(number)
            }
            guard let number = Int64(text) else { throw FieldError(field: name, message: "integer \(text) is out of range") }
            return .integer(number)
        case .string(let text):
            if dateFields.contains(name) {
                guard let millis = EsqlValue.parseDate(text) else { throw FieldError(field: name, message: "\"\(text)\" is not an ISO-8601 timestamp") }
                return .datetime(millis)
            }
            return .string(text)
        case .array, .object:
            return .null
        }
    }
}
