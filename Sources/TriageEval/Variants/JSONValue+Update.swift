extension JSONValue {
    /// This value with `update` applied to every member the dotted `path` names (`a.b` as `{"a":{"b":…}}` or
    /// `{"a.b":…}`, as ``value(atPath:)`` reads them), members kept in order.
    func updating(atPath path: String, _ update: (JSONValue) -> JSONValue) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.map { member in
            if member.key == path { return (member.key, update(member.value)) }
            if path.hasPrefix(member.key + ".") {
                return (member.key, member.value.updating(atPath: String(path.dropFirst(member.key.count + 1)), update))
            }
            return member
        })
    }

    /// This value with `transform` applied to each string: the value itself, or each string of an array.
    func mappingStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .string(let text): .string(transform(text))
        case .array(let items): .array(items.map { $0.mappingStrings(transform) })
        default: self
        }
    }

    /// The strings at `path`: a string, or the strings of an array.
    func strings(atPath path: String) -> [String] {
        switch value(atPath: path) {
        case .string(let text)?: [text]
        case .array(let items)?: items.compactMap { if case .string(let text) = $0 { text } else { nil } }
        default: []
        }
    }
}
