extension TriageCase {
    /// The variant's id parts when this case is a variant (`base-id~transform~n`), else nil.
    public var variantID: VariantID? { VariantID(parsing: id) }
}
