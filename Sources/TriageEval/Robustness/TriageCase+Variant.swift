extension TriageCase {
    /// The variant's id parts (base, transform, index) when this case is a variant, else nil: from ``variantOf`` and
    /// ``transform`` when set, else from an id of the form `base~transform~n`.
    public var variantID: CaseVariantID? {
        let parsed = CaseVariantID(parsing: id)
        guard let base = variantOf, let transform else { return parsed }
        return CaseVariantID(base: base, transform: transform, index: parsed?.index ?? 1)
    }
}
