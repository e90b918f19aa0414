extension JSONValue {
    /// The value at a dotted field path, the first match in key order: `a.b.c` names `{"a":{"b":{"c":…}}}`,
    /// `{"a.b":{"c":…}}` and `{"a.b.c":…}` alike, as the dotted columns of a document do.
    func value(atPath path: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for (key, value) in members {
            if key == path { return value }
            if path.hasPrefix(key + "."), let found = value.value(atPath: String(path.dropFirst(key.count + 1))) { return found }
        }
        return nil
    }

    /// This value without every member the dotted `path` names.
    func removing(path: String) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.compactMap { member in
            if member.key == path { return nil }
            if path.hasPrefix(member.key + ".") { return (member.key, member.value.removing(path: String(path.dropFirst(member.key.count + 1)))) }
            return member
        })
    }
}
