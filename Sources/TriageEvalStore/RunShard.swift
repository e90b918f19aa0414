public import TriageEval

extension RunInfo {
    /// What a sharded run (`run --shard K/N`) records about its slice: which shard it is, and the whole case set
    /// it was cut from (by hash), so `merge` can check that every shard was planned from the same case set and
    /// that the shards together make it up.
    public struct Shard: Sendable, Hashable, Codable {
        public var slice: ShardSlice
        /// ``caseSetHash(_:)`` of the whole selected case set (every shard's).
        public var caseSet: String
        /// Number of cases in the whole selected case set.
        public var cases: Int

        public init(slice: ShardSlice, caseSet: String, cases: Int) {
            self.slice = slice
            self.caseSet = caseSet
            self.cases = cases
        }

        /// SHA-256 of the case set's `id TAB content-hash` lines in id order (byte order): the same cases with the
        /// same contents give the same hash in every store, whatever their row ids.
        public static func caseSetHash(_ cases: [(id: String, contentHash: String)]) -> String {
            let lines = cases.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }.map { "\($0.id)\t\($0.contentHash)\n" }
            return SHA256Hex.of(lines.joined())
        }
    }
}
