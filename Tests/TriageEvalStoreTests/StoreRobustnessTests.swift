import Foundation
import GRDB
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalStore

/// Issue 11 B12 and B13 at the store: values that cannot be stored, rows that cannot be read, leases.
@Suite(.boundedResources) struct StoreRobustnessTests {
    @Test("B13: a case with a non-finite number is refused and nothing of the import is stored")
    func nonFiniteCaseIsRefused() async throws {
        let temp = try TemporaryStore()
        var bad = hostCase("nan-risk")
        bad.maxRiskScore = .nan
        await #expect(throws: InputError.self) { try await temp.store.importCases([hostCase("fine"), bad]) }
        #expect(try await temp.store.currentCases().isEmpty)
    }

    @Test("B13: a stored row that cannot be decoded names the store and the row; queries not touching it keep working")
    func undecodableRowNamesItself() async throws {
        let temp = try TemporaryStore()
        _ = try await temp.store.importCases([hostCase("good"), hostCase("broken")])
        // A row as an older version wrote it: an empty body.
        try await temp.store.pool.write { db in try db.execute(sql: "UPDATE case_revision SET body = '' WHERE case_id = 'broken'") }
        let error = await #expect(throws: StoreError.self) { try await temp.store.currentCases() }
        let message = try #require(error?.message)
        #expect(message.contains(temp.path))
        #expect(message.contains("case broken revision 1"))
        #expect(message.contains("case_revision row"))
        #expect(!message.contains("DecodingError"))
        #expect(error?.exitStatus == .failure)
        #expect(try await temp.store.currentCases(ids: ["good"]).map(\.item.id) == ["good"])
        #expect(try await temp.store.runs().isEmpty)
    }

    @Test("B12: a live holder keeps its run; a stale heartbeat makes it interrupted and lets another process take it")
    func leaseHeldAndTakenOver() async throws {
        let temp = try TemporaryStore()
        let runID = try await temp.store.createRun(
            toolVersion: "test", gitCommit: nil, selection: .init(), plan: .init(promptRows: [], modelRows: [], caseRevisions: [], samples: 1), planned: 0
        )
        try await temp.store.acquireRun(runID, holder: "77@ci-runner-3")
        #expect(try await temp.store.run(runID)?.status == .running)
        let held = await #expect(throws: RunLeaseHeld.self) { try await temp.store.acquireRun(runID, holder: "78@ci-runner-4") }
        #expect(held?.holder == "77@ci-runner-3")
        #expect(held?.exitStatus == .usage)
        #expect(try await temp.store.renewLease(runID, holder: "77@ci-runner-3"))
        #expect(try await temp.store.renewLease(runID, holder: "78@ci-runner-4") == false)

        // The holder stopped renewing long ago: it reads as interrupted and is taken over.
        let old = Date().addingTimeInterval(-(RunLease.staleAfter + 60))
        try await temp.store.pool.write { db in try db.execute(sql: "UPDATE run SET lease_heartbeat = ? WHERE id = ?", arguments: [old, runID]) }
        #expect(try await temp.store.run(runID)?.status == .interrupted)
        #expect(try await temp.store.runs().first?.status == .interrupted)
        try await temp.store.acquireRun(runID, holder: "78@ci-runner-4")
        #expect(try await temp.store.run(runID)?.status == .running)
        #expect(try await temp.store.renewLease(runID, holder: "77@ci-runner-3") == false)

        // Finishing releases the lease.
        let finished = try await temp.store.finishRun(runID)
        #expect(finished.status == .complete)
        try await temp.store.acquireRun(runID, holder: "79@ci-runner-5")
    }
}
