/// Expands cases into robustness variants: derived cases `base~transform~n` (``CaseVariantID``) with
/// ``TriageCase/variantOf`` and ``TriageCase/transform`` set and the base's label, made deterministically from
/// the seed, the base id and the transform name.
public enum CaseVariants {
    /// The seed a run uses when none is configured.
    public static let defaultSeed: UInt64 = 1

    /// The variants of every case, grouped by case and then by transform in the order given. A variant identical
    /// to its base is dropped; summary-only cases (one ready string, no separable values) and variants get none.
    public static func expand(_ cases: [TriageCase], transforms: [VariantTransform], targets: VariantTargets, seed: UInt64 = defaultSeed) -> [TriageCase] {
        cases.flatMap { item in transforms.flatMap { make(item, transform: $0, targets: targets, seed: seed) } }
    }

    /// The variants one transform makes of one case, numbered from 1.
    public static func make(_ item: TriageCase, transform: VariantTransform, targets: VariantTargets, seed: UInt64 = defaultSeed) -> [TriageCase] {
        guard !item.isSummaryOnly, !item.isVariant else { return [] }
        var random = SplitMix64(seed: mix(seed, item.id, transform.name))
        let made: [TriageCase] = switch transform {
        case .builtin(let builtin): builtin.variants(of: item, targets: targets, random: &random)
        case .user(let user): user.variant(of: item).map { [$0] } ?? []
        }
        let base = item.canonicalJSON()
        return made.filter { $0.canonicalJSON() != base }.enumerated().map { offset, variant in
            var variant = variant
            variant.id = CaseVariantID(base: item.id, transform: transform.name, index: offset + 1).description
            variant.variantOf = item.id
            variant.transform = transform.name
            variant.label = item.label
            return variant
        }
    }

    /// FNV-1a (64-bit) over the seed, the case id and the transform name: a per-case, per-transform seed that no
    /// toolchain or platform changes.
    static func mix(_ seed: UInt64, _ caseID: String, _ transform: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array("\(seed)\u{0}\(caseID)\u{0}\(transform)".utf8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
