import Testing
import TriageEval
import TriageEvalStore

@Suite("Shards: a deterministic slice of the case set by case id")
struct ShardSliceTests {
    @Test("every case is in exactly one shard, for every shard count", arguments: [1, 2, 3, 7, 16])
    func shardUnionIsTheWhole(count: Int) {
        let ids = (0..<500).map { "case-\($0)" } + ["ünïcode", "", "lsass-dump-01"]
        var seen: [String: Int] = [:]
        for index in 1...count {
            let slice = ShardSlice(index: index, count: count)
            for id in ids where slice.contains(caseID: id) { seen[id, default: 0] += 1 }
        }
        #expect(seen.count == ids.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
        if count > 1 {
            // No shard is empty over 500 ids (a hash that ignored the id would put them all in one).
            let sizes = (1...count).map { index in ids.filter { ShardSlice(index: index, count: count).contains(caseID: $0) }.count }
            #expect(sizes.allSatisfy { $0 > 0 })
        }
    }

    @Test("the shard is 1 + the first 8 bytes of SHA-256(id) mod N (values from `printf ID | sha256sum`)")
    func shardIsTheDocumentedHash() {
        // printf case-1 | sha256sum → ba225b9895eafb5e…; printf lsass-dump-01 → f733af81b6694d77…; ünïcode → b8be8967e4de3eb2…
        #expect([2, 3, 7].map { ShardSlice.shard(of: "case-1", count: $0) } == [1, 1, 1])
        #expect([2, 3, 7].map { ShardSlice.shard(of: "lsass-dump-01", count: $0) } == [2, 3, 2])
        #expect([2, 3, 7].map { ShardSlice.shard(of: "ünïcode", count: $0) } == [1, 3, 2])
    }

    @Test("K/N parses within 1 ≤ K ≤ N; anything else names --shard", arguments: ["0/3", "4/3", "3", "a/b", "1/0", "1/3/4", "-1/2", "1/10001"])
    func badShardIsRefused(text: String) {
        guard case .failure(let error) = ShardSlice.parse(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(error.field == "--shard")
    }

    @Test func goodShardParses() throws {
        #expect(try ShardSlice.parse("2/4").get() == ShardSlice(index: 2, count: 4))
        #expect(try ShardSlice.parse("1/1").get().description == "1/1")
    }

    @Test("the case set hash depends on ids and contents, not on order")
    func caseSetHash() {
        let a = RunInfo.Shard.caseSetHash([("a", "h1"), ("b", "h2")])
        // SHA-256 of "a\th1\nb\th2\n" (Python's hashlib): the recorded format, which stores made earlier were merged by.
        #expect(a == "a7cd7f59c08dddcae3c8972462e0d12085703f5fdfcf337fa0a64b2aa361a179")
        #expect(a == RunInfo.Shard.caseSetHash([("b", "h2"), ("a", "h1")]))
        #expect(a != RunInfo.Shard.caseSetHash([("a", "h1"), ("b", "h3")]))
        #expect(a != RunInfo.Shard.caseSetHash([("a", "h1")]))
    }
}
