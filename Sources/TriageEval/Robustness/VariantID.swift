/// The stable id of a variant case, `base-id~transform~n`: its base case, the transform that made it and
/// the variant's index under that transform.
public struct VariantID: Sendable, Hashable {
    public var baseID: String
    public var transform: String
    public var index: Int

    public init(baseID: String, transform: String, index: Int) {
        self.baseID = baseID
        self.transform = transform
        self.index = index
    }

    /// Reads `base-id~transform~n` (split at the last two `~`); nil for any other id, so a base case is never
    /// taken for a variant.
    public init?(parsing id: String) {
        let parts = id.split(separator: "~", omittingEmptySubsequences: false)
        guard parts.count >= 3, let index = Int(parts[parts.count - 1]), index >= 0 else { return nil }
        let transform = String(parts[parts.count - 2])
        let base = parts.dropLast(2).joined(separator: "~")
        guard !transform.isEmpty, !base.isEmpty else { return nil }
        self.init(baseID: base, transform: transform, index: index)
    }

    /// `base-id~transform~n`.
    public var text: String { "\(baseID)~\(transform)~\(index)" }
}
