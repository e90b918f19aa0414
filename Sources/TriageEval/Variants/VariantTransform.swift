/// A named transform `run --variants` applies: one of triage-eval's own, or one defined in `triage-eval.yaml`.
public enum VariantTransform: Sendable, Hashable {
    case builtin(BuiltinTransform)
    case user(UserTransform)

    public var name: String {
        switch self {
        case .builtin(let transform): transform.rawValue
        case .user(let transform): transform.name
        }
    }

    /// One paragraph for `triage-eval variants --list`.
    public var summary: String {
        switch self {
        case .builtin(let transform): transform.summary
        case .user(let transform): transform.summary
        }
    }

    /// Every transform available: the built-in ones, then the user-defined ones.
    public static func available(user: [UserTransform]) -> [VariantTransform] {
        BuiltinTransform.allCases.map(VariantTransform.builtin) + user.map(VariantTransform.user)
    }

    /// The transforms named, in the order given, each once; an unknown name is an ``InputError`` for `file`/`field`.
    public static func resolve(_ names: [String], user: [UserTransform], file: String, field: String) throws(InputError) -> [VariantTransform] {
        let all = available(user: user)
        var selected: [VariantTransform] = []
        for name in names {
            guard let transform = all.first(where: { $0.name == name }) else {
                throw InputError(file: file, field: field, message: "unknown transform \"\(name)\"; known: \(all.map(\.name).joined(separator: ", "))")
            }
            if !selected.contains(transform) { selected.append(transform) }
        }
        return selected
    }
}
