import Foundation
import GRDB
import Logging
import Synchronization
import StubTestSupport
import Testing
import TriageEval
import TriageEvalStore
@testable import TriageEvalEngine

/// Issue 11 B10: writes that fail are never dropped. Another connection holds the store's write lock
/// (`BEGIN IMMEDIATE`) for longer than the run's busy timeout, as a second process or a backup would.
@Suite(.boundedResources) struct StoreFailureTests {
    /// Holds the store's write lock until ``release()``.
    final class WriteLock: Sendable {
        let queue: DatabaseQueue

        init(path: String) throws {
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        }

        func release() throws {
            try queue.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        }
    }

    func session(_ temp: TemporaryWorkspace, store: Store, writePatience: Double, resume: Int64? = nil) -> RunSession {
        RunSession(
            workspace: temp.workspace, store: store,
            options: RunSession.Options(
                request: RunRequest(models: ["recorded"], samples: 3), resume: resume, toolVersion: "test", writePatience: writePatience
            ),
            logger: Logger(label: "test")
        )
    }

    @Test("B10: a store locked longer than the busy timeout loses no answered result")
    func lockedStoreLosesNothing() async throws {
        let temp = try TemporaryWorkspace()
        // A short busy timeout stands for the production one (10 s) being outlasted (the issue held 13 s).
        let store = try Store(path: temp.workspace.storePath, busyTimeout: 0.05)
        let session = session(temp, store: store, writePatience: 120)
        let planned = try await session.plan()
        // Take the lock at the first answer (the run is recorded by then), hold it while the run answers
        // everything and its writes fail and are retried, then let go.
        let path = temp.workspace.storePath
        let lock = Mutex<Task<Void, any Error>?>(nil)
        let finished = try await session.execute(planned) { event in
            guard case .progress = event else { return }
            lock.withLock { task in
                guard task == nil, let held = try? WriteLock(path: path) else { return }
                task = Task {
                    try await Task.sleep(for: .milliseconds(800))
                    try held.release()
                }
            }
        }
        let release = try #require(lock.withLock { $0 })
        try await release.value
        let results = try await store.results(run: finished.info.id)
        #expect(finished.info.status == .complete)
        #expect(finished.exitStatus == .ok)
        #expect(results.count == planned.plan.count)
        #expect(Set(results.map(\.key)).count == planned.plan.count)
        #expect(finished.outcome.evaluated == planned.plan.count)
    }

    @Test("B10: a write that keeps failing stops the run with exit 4, counts the answered results not stored, and --resume finishes")
    func failingWriteStopsTheRun() async throws {
        let temp = try TemporaryWorkspace()
        let store = try Store(path: temp.workspace.storePath, busyTimeout: 0.05)
        let first = session(temp, store: store, writePatience: 0.3)
        let planned = try await first.plan()
        // Take the lock at the first answer (the run is recorded by then) and keep it.
        let lock = Mutex<WriteLock?>(nil)
        let path = temp.workspace.storePath
        let failure = await #expect(throws: ResultWriteFailure.self) {
            _ = try await first.execute(planned) { event in
                if case .progress = event { lock.withLock { if $0 == nil { $0 = try? WriteLock(path: path) } } }
            }
        }
        let held = try #require(lock.withLock { $0 })
        let error = try #require(failure)
        // Answered evaluations were held in memory and none reached the store. How many were answered before the
        // sink's patience ran out depends on the machine's speed: at least one, at most the plan.
        #expect((1...planned.plan.count).contains(error.unstored))
        #expect(error.exitStatus == .failure)
        #expect(error.description.contains("\(error.unstored) finished evaluations could not be stored"))
        #expect(error.description.contains("triage-eval run --resume \(error.runID)"))
        #expect(error.description.contains(path))
        try held.release()
        #expect(try await store.results(run: error.runID).isEmpty)
        #expect(try await store.run(error.runID)?.status != .complete)

        // Once the store is writable, --resume redoes exactly the missing ones.
        let again = session(temp, store: store, writePatience: 0.3, resume: error.runID)
        let finished = try await again.execute(try await again.plan())
        #expect(finished.info.status == .complete)
        let results = try await store.results(run: error.runID)
        #expect(results.count == planned.plan.count)
        #expect(Set(results.map(\.key)).count == planned.plan.count)
    }
}
