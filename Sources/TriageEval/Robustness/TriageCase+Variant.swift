extension TriageCase {
    /// The variant's id parts (base, transform, index) when this case is a variant, else nil: from ``variantOf`` and
    /// ``transform`` when set, else from an id of the form `base~transform~n`.
    public var variantID: CaseVariantID? {
        CaseVariantID(caseID: id, variantOf: variantOf, transform: transform)
    }
}
