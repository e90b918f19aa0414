/// A Python expression as a prompt template writes it inside `{{#python}}…{{/python}}`: the subset an
/// analyzer script uses to build its prompt — names of case variables, literals (strings, numbers,
/// `None`/`True`/`False`, lists, dicts), `json.dumps(…)` with its keyword options, `len(…)`, `str(…)`,
/// `value.get(key[, default])`, slicing `[start:stop]` and indexing `[i]`.
indirect enum PythonExpression: Sendable {
    case name(String)
    case literal(PythonValue)
    case list([PythonExpression])
    case dict([(key: PythonExpression, value: PythonExpression)])
    case dumps(PythonExpression, PythonJSONDumps)
    case length(PythonExpression)
    case string(PythonExpression)
    case get(PythonExpression, key: PythonExpression, default: PythonExpression?)
    case slice(PythonExpression, start: PythonExpression?, stop: PythonExpression?)
    case index(PythonExpression, PythonExpression)

    /// The case variables the expression reads, in order of appearance.
    var names: [String] {
        switch self {
        case .name(let name): [name]
        case .literal: []
        case .list(let items): items.flatMap(\.names)
        case .dict(let members): members.flatMap { $0.key.names + $0.value.names }
        case .dumps(let value, _), .length(let value), .string(let value): value.names
        case .get(let target, let key, let fallback): target.names + key.names + (fallback?.names ?? [])
        case .slice(let target, let start, let stop): target.names + (start?.names ?? []) + (stop?.names ?? [])
        case .index(let target, let index): target.names + index.names
        }
    }
}

/// A Python expression that does not parse, or that uses something outside the supported subset.
struct PythonExpressionError: Error, Equatable, CustomStringConvertible {
    var message: String
    /// 1-based line within the expression text.
    var line: Int
    var description: String { message }
}
