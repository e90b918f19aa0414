public import TriageEval
public import TriageEvalStore

/// A run's results split by prompt × model into its cases' results and its robustness variants' results, as
/// ``RunAnalysis`` scores them; filled one result at a time (a big run's results are read into it from a cursor), and
/// each group's answers scored as they arrive (``GroupTally``): its metrics are never computed from its held results.
public struct GroupedResults: Sendable {
    /// By `prompt` U+001F `model`.
    public internal(set) var byGroup: [String: ResultColumns] = [:]
    /// Each group's answers scored, by the same key.
    public internal(set) var tallies: [String: GroupTally] = [:]
    public internal(set) var variantsByGroup: [String: [StoredResult]] = [:]
    /// Whether each planned case revision is a variant: a flag per revision, not its whole ref per result.
    let variantRevisions: [Int64: Bool]

    /// Results expected per group key (``Store/resultCounts(run:)``): a group's array is allocated once at its size
    /// instead of doubling (which holds both buffers while it copies).
    let expected: [String: Int]

    /// Each prompt's decision (by `id@version`; default `AlertPolicy()`), and the answers planned per case.
    let policies: [String: AlertPolicy]
    let samples: Int

    /// `policies`: each prompt's decision, by `id@version`; `samples`: the run's answers per case; `caseRefs`: planned
    /// case revisions whose variant flag is known (a result's own `variant_of`, else its case id, tells the others);
    /// `expected`: results per group key, when known. Results must be added a case at a time (as they are read: by
    /// prompt, model, case, then sample).
    public init(policies: [String: AlertPolicy], samples: Int, caseRefs: CaseRefs = CaseRefs(), expected: [String: Int] = [:]) {
        variantRevisions = Dictionary(uniqueKeysWithValues: caseRefs.values.map { ($0.revisionID, $0.variantID != nil) })
        self.expected = expected
        self.policies = policies
        self.samples = samples
    }

    /// Files one result under its group.
    public mutating func add(_ result: StoredResult) {
        let key = "\(result.prompt)\u{1F}\(result.model)"
        if RunAnalysis.isVariant(result, variantRevisions: variantRevisions) {
            variantsByGroup[key, default: []].append(result)
        } else {
            if byGroup[key] == nil {
                byGroup[key] = []
                byGroup[key]?.reserveCapacity(expected[key] ?? 0)
                tallies[key] = GroupTally(policy: policies[result.prompt] ?? AlertPolicy(), samples: samples)
            }
            byGroup[key]?.append(result)
            if let item = RunAnalysis.scoredItem(result) { tallies[key]?.add(item) }
        }
    }

    /// The case revisions each prompt (`id@version`) has a result for, variants included.
    var answeredByPrompt: [String: Set<Int64>] {
        var answered: [String: Set<Int64>] = [:]
        func note(_ results: some Sequence<StoredResult>) {
            for result in results { answered[result.prompt, default: []].insert(result.key.caseRevisionID) }
        }
        byGroup.values.forEach(note)
        variantsByGroup.values.forEach(note)
        return answered
    }
}
