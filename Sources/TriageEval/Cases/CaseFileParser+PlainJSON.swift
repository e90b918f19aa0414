internal import EsqlEngine
internal import Foundation

extension CaseFileParser {
    /// The case a JSON line holds, read from its JSON values directly, when every field is of the plain kind the
    /// field checks (``parseCase(_:file:index:readFile:)``) accept as they are: string ids, labels and texts,
    /// lists of strings, non-negative integer counts, finite numbers, an entity of strings. Nil for anything
    /// else — a value of another kind, a value the checks would refuse, a draft, documents, row labels or
    /// expected values — and the line is then read by those checks, which accept it or say what is wrong: so
    /// a line yields the same case, and a bad line the same error, either way (`CaseFileJSONLTests`).
    static func plainCase(_ json: JSONValue) -> TriageCase? {
        guard case .object(let members) = json else { return nil }
        var fields: [String: JSONValue] = [:]
        fields.reserveCapacity(members.count)
        for (key, value) in members {
            guard allowedKeys.contains(key), fields.updateValue(value, forKey: key) == nil else { return nil }
        }
        for key in ["documents", "documents_file", "index", "row_labels", "expected"] where fields[key] != nil { return nil }
        guard let id = required(fields["id"]), isValidID(id), let labelText = required(fields["label"]),
              let label = Label(rawValue: labelText), let scenario = required(fields["scenario"])
        else { return nil }
        var item = TriageCase(id: id, label: label, scenario: scenario)
        guard let tags = stringList(fields["tags"]), let entity = entity(fields["entity"]),
              let alertCount = count(fields["alert_count"]), let timeWindow = count(fields["time_window_minutes"]),
              let maxRiskScore = number(fields["max_risk_score"]),
              let alertSummary = string(fields["alert_summary"]), let source = string(fields["source"]),
              let notes = string(fields["notes"]), let executedAt = string(fields["executed_at"])
        else { return nil }
        item.tags = tags
        item.entity = entity
        item.alertCount = alertCount
        item.timeWindowMinutes = timeWindow
        item.maxRiskScore = maxRiskScore
        var lists: [TriageCase.CodingKeys: [String]] = [:]
        for key in listFields {
            guard let list = stringList(fields[key.rawValue]) else { return nil }
            lists[key] = list
        }
        item.rules = lists[.rules] ?? []
        item.tactics = lists[.tactics] ?? []
        item.techniques = lists[.techniques] ?? []
        item.commandLines = lists[.commandLines] ?? []
        item.parentCommandLines = lists[.parentCommandLines] ?? []
        item.users = lists[.users] ?? []
        item.filePaths = lists[.filePaths] ?? []
        item.dllPaths = lists[.dllPaths] ?? []
        item.dnsQueries = lists[.dnsQueries] ?? []
        item.registryPaths = lists[.registryPaths] ?? []
        item.registryValues = lists[.registryValues] ?? []
        item.hosts = lists[.hosts] ?? []
        item.sourceIPs = lists[.sourceIPs] ?? []
        item.destinationIPs = lists[.destinationIPs] ?? []
        item.datasets = lists[.datasets] ?? []
        item.executables = lists[.executables] ?? []
        item.emails = lists[.emails] ?? []
        item.alertSummary = alertSummary
        item.source = source
        item.notes = notes
        item.executedAt = executedAt
        if let executedAt, EsqlValue.parseDate(executedAt) == nil { return nil }
        // The context rule of `checkContext`: a summary-only case carries no structured context (an empty list
        // or a null is none); a structured one has the entity, counts and score keys (null allowed) and a rule.
        if alertSummary != nil {
            let structured = listFields.map(\.rawValue) + ["alert_count", "time_window_minutes", "max_risk_score"]
            for key in structured {
                switch fields[key] {
                case nil, .null?: continue
                case .array(let elements)? where elements.isEmpty: continue
                default: return nil
                }
            }
        } else {
            for key in ["entity", "alert_count", "time_window_minutes", "max_risk_score"] where fields[key] == nil { return nil }
            if item.rules.isEmpty { return nil }
        }
        return item
    }

    /// A string the field checks accept where one is required (not blank); nil otherwise.
    private static func required(_ value: JSONValue?) -> String? {
        guard case .string(let text)? = value else { return nil }
        // A printable ASCII character other than space is never whitespace: the usual case skips Foundation's trimming.
        guard text.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) || !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return text
    }

    /// An optional string: `.some(nil)` when absent or null, nil (not plain) for another kind.
    private static func string(_ value: JSONValue?) -> String?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .string(let text)?: return .some(text)
        default: return nil
        }
    }

    /// A list of strings (a single string is a one-element list; absent or null is empty).
    private static func stringList(_ value: JSONValue?) -> [String]? {
        switch value {
        case nil, .null?: return []
        case .string(let text)?: return [text]
        case .array(let elements)?:
            var strings: [String] = []
            strings.reserveCapacity(elements.count)
            for element in elements {
                guard case .string(let text) = element else { return nil }
                strings.append(text)
            }
            return strings
        default: return nil
        }
    }

    /// A count: decimal digits without sign or leading zero that fit an `Int` (what YAML reads as that integer).
    private static func count(_ value: JSONValue?) -> Int?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .number(let text)?:
            let digits = text.utf8
            guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), text == "0" || digits.first != UInt8(ascii: "0"),
                  let count = Int(text)
            else { return nil }
            return .some(count)
        default: return nil
        }
    }

    /// A finite number, converted as the YAML reading converts a plain scalar (`Double(text)`).
    private static func number(_ value: JSONValue?) -> Double?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .number(let text)?:
            guard let number = Double(text), number.isFinite else { return nil }
            return .some(number)
        default: return nil
        }
    }

    /// The entity (`.some(nil)` when absent or null): a mapping of `type` (host or user), `name` and optional `id`.
    private static func entity(_ value: JSONValue?) -> Entity?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .object(let members)?:
            var fields: [String: JSONValue] = [:]
            for (key, value) in members {
                guard ["type", "name", "id"].contains(key), fields.updateValue(value, forKey: key) == nil else { return nil }
            }
            guard let typeText = required(fields["type"]), let kind = Entity.Kind(rawValue: typeText),
                  let name = required(fields["name"]), let id = string(fields["id"])
            else { return nil }
            return .some(Entity(type: kind, name: name, id: id))
        default: return nil
        }
    }
}
