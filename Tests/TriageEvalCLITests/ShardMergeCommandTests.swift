import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalStore

/// `run --shard K/N` and `merge`: N stores evaluated apart, merged into one run equal to the unsharded one.
@Suite("Sharded runs and merge", .boundedResources)
struct ShardMergeCommandTests {
    static func store(_ directory: URL) -> String { directory.appendingPathComponent(".triage-eval/store.sqlite").path }

    /// The JSON report of a run without what differs between two executions of it: run id, times and row ids.
    static func comparableReport(_ directory: URL, run: Int64) async throws -> [String: Any] {
        let out = directory.appendingPathComponent("report-\(run)")
        let report = try await CLI.run(["report", "--run", "\(run)", "--format", "json", "--out", out.path], in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".json") })
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(file))) as? [String: Any])
        var run = try #require(object["run"] as? [String: Any])
        for key in ["id", "started_at", "finished_at", "plan"] { run[key] = nil }
        object["run"] = run
        return object
    }

    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Three workspaces, each running one shard of three with `arguments`; returns their directories.
    static func shards(_ count: Int = 3, arguments: [String] = []) async throws -> [URL] {
        var directories: [URL] = []
        for index in 1...count {
            let directory = try CLI.workspace()
            let output = try await CLI.run(["run", "--shard", "\(index)/\(count)"] + arguments, in: directory)
            #expect(output.status == 0, "\(output.stderr)")
            // It says which shard it is, before and after.
            #expect(output.stderr.contains("shard \(index)/\(count): "), "\(output.stderr)")
            #expect(output.stdout.contains("run 1 (shard \(index)/\(count)): "), "\(output.stdout)")
            directories.append(directory)
        }
        return directories
    }

    @Test("three shards merged: the reports and the gate equal those of the unsharded run; compare finds no difference")
    func mergedEqualsUnsharded() async throws {
        let whole = try CLI.workspace()
        let unsharded = try await CLI.run(["run", "--quiet", "--samples", "2"], in: whole)
        #expect(unsharded.status == 0, "\(unsharded.stderr)")
        let shards = try await Self.shards(arguments: ["--samples", "2"])
        let sizes = try await shards.asyncMap { try await Store(path: Self.store($0)).latestRun()?.planned ?? 0 }
        #expect(sizes.allSatisfy { $0 > 0 })

        // Into a new store.
        let merged = try CLI.workspace()
        let merge = try await CLI.run(["merge", Self.store(merged)] + shards.map(Self.store), in: merged)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.hasPrefix("merged 3 shards into run 1 of "), "\(merge.stdout)")
        let wholeRun = try #require(try await Store(path: Self.store(whole)).latestRun())
        let mergedRun = try #require(try await Store(path: Self.store(merged)).latestRun())
        #expect(mergedRun.planned == wholeRun.planned)
        #expect(mergedRun.planned == sizes.reduce(0, +))
        #expect(mergedRun.status == .complete)
        #expect(mergedRun.plan.mergedShards == 3)
        #expect(mergedRun.plan.caseRevisions.count == wholeRun.plan.caseRevisions.count)
        #expect(!FileManager.default.fileExists(atPath: Self.store(merged) + ".merging-\(ProcessInfo.processInfo.processIdentifier)"))

        let expected = try Self.json(try await Self.comparableReport(whole, run: wholeRun.id))
        #expect(try Self.json(try await Self.comparableReport(merged, run: mergedRun.id)) == expected)

        let wholeGate = try await CLI.run(["gate"], in: whole)
        let mergedGate = try await CLI.run(["gate"], in: merged)
        #expect(mergedGate.status == wholeGate.status)
        #expect(mergedGate.stdout == wholeGate.stdout)

        // Into the store that holds the unsharded run: the same cases and prompts map onto its rows, and
        // compare of the two runs finds nothing changed.
        let into = try await CLI.run(["merge", Self.store(whole)] + shards.map(Self.store), in: whole)
        #expect(into.status == 0, "\(into.stderr)")
        #expect(into.stdout.hasPrefix("merged 3 shards into run 2 of "), "\(into.stdout)")
        let second = try #require(try await Store(path: Self.store(whole)).run(2))
        #expect(Set(second.plan.caseRevisions) == Set(wholeRun.plan.caseRevisions))
        #expect(second.plan.promptRows == wholeRun.plan.promptRows)
        #expect(try Self.json(try await Self.comparableReport(whole, run: 2)) == expected)
        for group in ["host-triage@v2/heuristic", "user-triage@v1/heuristic"] {
            let compare = try await CLI.run(["compare", "1:\(group)", "2:\(group)"], in: whole)
            #expect(compare.status == 0, "\(compare.stderr)")
            #expect(compare.stdout.contains("Overall: no difference in per-case correctness"), "\(compare.stdout)")
            #expect(compare.stdout.contains("### Flipped cases (0: "), "\(compare.stdout)")
        }
    }

    @Test("merging the same shards twice changes nothing")
    func mergeIsIdempotent() async throws {
        let shards = try await Self.shards()
        let merged = try CLI.workspace()
        let paths = shards.map(Self.store)
        let first = try await CLI.run(["merge", Self.store(merged)] + paths, in: merged)
        #expect(first.status == 0, "\(first.stderr)")
        let store = try Store(path: Self.store(merged))
        let runs = try await store.runs()
        let results = try await store.results(run: 1)
        #expect(runs.count == 1)
        #expect(!results.isEmpty)

        // Again, and in another order.
        let again = try await CLI.run(["merge", Self.store(merged)] + paths.reversed(), in: merged)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("already merged: 3 shards into run 1"), "\(again.stdout)")
        #expect(again.stdout.contains(" 0 results written, \(results.count) unchanged"), "\(again.stdout)")
        #expect(try await store.runs() == runs)
        #expect(try await store.results(run: 1) == results)
    }

    @Test("a shard of another configuration, a missing shard, a shard given twice and an unsharded run are refused: one line, exit 2, nothing written")
    func mismatchedStoresAreRefused() async throws {
        let shards = try await Self.shards(2)
        let other = try CLI.workspace()
        let twoSamples = try await CLI.run(["run", "--quiet", "--shard", "2/2", "--samples", "2"], in: other)
        #expect(twoSamples.status == 0, "\(twoSamples.stderr)")
        let plain = try CLI.workspace()
        #expect(try await CLI.run(["run", "--quiet"], in: plain).status == 0)

        let out = try CLI.workspace()
        let cases: [([String], String)] = [
            ([Self.store(shards[0]), Self.store(other)], "its samples differ (2 vs 1)"),
            ([Self.store(shards[0])], "missing shard 2/2"),
            ([Self.store(shards[0]), Self.store(shards[0]), Self.store(shards[1])], "shard 1/2 is also given as"),
            ([Self.store(plain)], "is not a sharded run"),
            ([Self.store(shards[0]), out.appendingPathComponent("nope.sqlite").path], "no such store"),
        ]
        for (inputs, message) in cases {
            let output = try await CLI.run(["merge", Self.store(out)] + inputs, in: out)
            #expect(output.status == 2, "\(inputs): \(output.stderr)")
            #expect(output.stderr.hasPrefix("error: "), "\(output.stderr)")
            #expect(output.stderr.contains(message), "\(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
            #expect(!FileManager.default.fileExists(atPath: Self.store(out)))
        }
    }

    @Test("a shard whose answer differs from the one already merged is a conflict: exit 2, the merged store unchanged")
    func conflictingAnswerIsRefused() async throws {
        let shards = try await Self.shards(2)
        let merged = try CLI.workspace()
        let paths = shards.map(Self.store)
        #expect(try await CLI.run(["merge", Self.store(merged)] + paths, in: merged).status == 0)
        let before = try await Store(path: Self.store(merged)).results(run: 1)

        // One answer of shard 2 changes after the merge (a store edited, or a shard re-run with another model build).
        let shard = try Store(path: paths[1])
        let key = try #require(try await shard.answeredKeys(run: 1).min { $0.caseRevisionID < $1.caseRevisionID })
        try await shard.saveResults([(key, Evaluation(response: "FP,0.01", error: nil, strict: nil, lenient: nil, alert: false, lenientAlert: false, cached: false))])

        let output = try await CLI.run(["merge", Self.store(merged)] + paths, in: merged)
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stderr.contains("has a different answer there; nothing was merged"), "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1)
        #expect(try await Store(path: Self.store(merged)).results(run: 1) == before)
    }

    @Test("--shard out of range is a usage error naming it")
    func badShardOption() async throws {
        let directory = try CLI.workspace()
        let output = try await CLI.run(["run", "--shard", "4/3"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr.contains("--shard"), "\(output.stderr)")
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var mapped: [T] = []
        for element in self { mapped.append(try await transform(element)) }
        return mapped
    }
}
