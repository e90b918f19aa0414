internal import TriageEval

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
            caseSetHash(cases, id: { $0.id }, contentHash: { $0.contentHash })
        }

        /// ``caseSetHash(_:)`` of `cases` read through `id` and `contentHash`: each line is hashed as it is made, in id
        /// order, and let go (the lines of a 100,000-case set, and their joined text, had held 50 MB at once).
        public static func caseSetHash<Cases: RandomAccessCollection>(
            _ cases: Cases, id: (Cases.Element) -> String, contentHash: (Cases.Element) -> String
        ) -> String {
            let order = cases.indices.sorted { id(cases[$0]).utf8.lexicographicallyPrecedes(id(cases[$1]).utf8) }
            var hasher = SHA256Hex.Hasher()
            for index in order {
                var line = "\(id(cases[index]))\t\(contentHash(cases[index]))\n"
                line.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
            }
            return hasher.finalize()
        }
    }
}
