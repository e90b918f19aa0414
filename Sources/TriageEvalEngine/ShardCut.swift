internal import TriageEval
public import TriageEvalStore

extension RunInfo.Shard {
    /// Cuts `slice` out of the selected case set: the cases this shard evaluates, and what the run records
    /// about the whole set (so `merge` can check that every shard came from the same cases).
    public static func cut(_ selected: [CaseRef], slice: ShardSlice) -> (cases: [CaseRef], shard: RunInfo.Shard) {
        let hash = caseSetHash(selected, id: \.id, contentHash: \.contentHash)
        return (selected.filter { slice.contains(caseID: $0.id) }, RunInfo.Shard(slice: slice, caseSet: hash, cases: selected.count))
    }
}
