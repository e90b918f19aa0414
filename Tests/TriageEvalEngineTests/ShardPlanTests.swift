import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalEngine
@testable import TriageEvalStore

@Suite("Planning: shards and big stores", .boundedResources)
struct ShardPlanTests {
    @Test("the shards' plans split the cases: every case in exactly one, their items together the unsharded plan's")
    func shardsSplitThePlan() async throws {
        let temp = try TemporaryWorkspace()
        let whole = try await temp.preparer.prepare(RunRequest(models: ["heuristic"], samples: 2)).plan
        #expect(whole.shard == nil)
        #expect(whole.recorded.shard == nil)
        func items(_ plan: RunPlan) -> [String] {
            plan.items(model: 0).map { "\(plan.prompts[$0.prompt].version.key)|\(plan.cases[$0.caseIndex].id)|\($0.sample)" }
        }
        var union: [String] = []
        var caseIDs: [String] = []
        for index in 1...3 {
            let plan = try await temp.preparer.prepare(RunRequest(models: ["heuristic"], samples: 2, shard: ShardSlice(index: index, count: 3))).plan
            let recorded = try #require(plan.recorded.shard)
            #expect(recorded.slice == ShardSlice(index: index, count: 3))
            #expect(recorded.cases == whole.cases.count)
            #expect(plan.recorded.caseRevisions == plan.cases.map(\.revisionID))
            #expect(plan.cases.allSatisfy { ShardSlice.shard(of: $0.id, count: 3) == index })
            // Planning the same shard again gives the same slice.
            let again = try await temp.preparer.prepare(RunRequest(models: ["heuristic"], samples: 2, shard: ShardSlice(index: index, count: 3))).plan
            #expect(again.cases.map(\.id) == plan.cases.map(\.id))
            union += items(plan)
            caseIDs += plan.cases.map(\.id)
        }
        #expect(caseIDs.sorted() == whole.cases.map(\.id).sorted())
        #expect(union.sorted() == items(whole).sorted())
    }

    @Test("no selection option selects the case set as it is: the same array, not a copy of every case")
    func emptySelectionIsTheSameArray() throws {
        let cases = Array(0..<10_000)
        let facts: (Int) -> (id: String, scenario: String, tags: [String], label: Label) = { ("c\($0)", $0 % 2 == 0 ? "even" : "odd", [], .tp) }
        let all = try CaseSelection().apply(cases, facts: facts)
        #expect(all.withUnsafeBufferPointer { $0.baseAddress } == cases.withUnsafeBufferPointer { $0.baseAddress })
        let even = try CaseSelection(scenarios: ["EVEN"]).apply(cases, facts: facts)
        #expect(even.count == 5_000 && even.allSatisfy { $0 % 2 == 0 })
    }

    @Test("planning reads only the case set's rows from a store holding 20,000 other cases (counted by the store)")
    func planningReadsOnlyTheCaseSet() async throws {
        let temp = try TemporaryWorkspace()
        let others = (0..<20_000).map { index in
            TriageCase(
                id: "other-\(index)", label: index % 2 == 0 ? .tp : .fp, scenario: "bulk", entity: Entity(type: .host, name: "H-\(index)"),
                alertCount: 1, timeWindowMinutes: 1, maxRiskScore: 21, rules: ["Generated rule"], commandLines: ["cmd.exe /c echo \(index)"]
            )
        }
        _ = try await temp.store.importCases(others)
        // The first planning imports the case file; the next ones find it unchanged.
        _ = try await temp.preparer.prepare(RunRequest(models: ["heuristic"]))
        let before = temp.store.instrumentation.caseRowsRead
        let hashesBefore = temp.store.instrumentation.caseHashesRead
        let plan = try await temp.preparer.prepare(RunRequest(models: ["heuristic"])).plan
        #expect(plan.cases.count == 4)
        #expect(temp.store.instrumentation.caseRowsRead - before == 4)
        // Checking that the case file is unchanged reads the latest hash of its 4 cases, not of all 20,004.
        #expect(temp.store.instrumentation.caseHashesRead - hashesBefore == 4)
        // The whole store is still there to read (the count is not just small because the store is).
        #expect(try await temp.store.currentCases().count == 20_004)
        #expect(temp.store.instrumentation.caseRowsRead - before == 4 + 20_004)
        #expect(try await temp.store.latestCaseHashes().count == 20_004)
        #expect(temp.store.instrumentation.caseHashesRead - hashesBefore == 4 + 20_004)
    }
}
