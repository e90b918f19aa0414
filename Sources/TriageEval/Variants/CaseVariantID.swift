/// The stable id of a robustness variant: `base-id~transform~n`, n counting from 1 per base case and
/// transform. Reports and robustness metrics pair a variant with its base by this id (and by
/// ``TriageCase/variantOf`` / ``TriageCase/transform``, which hold the same parts).
public struct CaseVariantID: Sendable, Hashable, CustomStringConvertible {
    /// The separator between the parts; transform names never contain it.
    public static let separator: Character = "~"

    public var base: String
    public var transform: String
    /// 1-based.
    public var index: Int

    public init(base: String, transform: String, index: Int) {
        self.base = base
        self.transform = transform
        self.index = index
    }

    /// Reads `base~transform~n` from the right (a base id may itself contain `~`); nil for any other id.
    public init?(parsing id: String) {
        // Most ids have no separator at all: answer without splitting them (reports ask this of every result).
        guard let separator = Self.separator.asciiValue, id.utf8.contains(separator) else { return nil }
        let parts = id.split(separator: Self.separator, omittingEmptySubsequences: false)
        guard parts.count >= 3, let index = Int(parts[parts.count - 1]), index >= 1, String(index) == parts[parts.count - 1],
              !parts[parts.count - 2].isEmpty
        else { return nil }
        let base = parts.dropLast(2).joined(separator: String(Self.separator))
        guard !base.isEmpty else { return nil }
        self.init(base: base, transform: String(parts[parts.count - 2]), index: index)
    }

    /// A case's variant id parts: from its `variant_of` and `transform` when both are set, else from an id of the
    /// form `base~transform~n`; nil for a case that is no variant.
    public init?(caseID: String, variantOf: String?, transform: String?) {
        let parsed = CaseVariantID(parsing: caseID)
        guard let base = variantOf, let transform else {
            guard let parsed else { return nil }
            self = parsed
            return
        }
        self.init(base: base, transform: transform, index: parsed?.index ?? 1)
    }

    public var description: String { "\(base)\(Self.separator)\(transform)\(Self.separator)\(index)" }
}
