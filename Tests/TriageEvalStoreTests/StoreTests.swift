import Foundation
import GRDB
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalStore

@Suite("Store: cases", .boundedResources)
struct StoreCaseTests {
    @Test("importing the same cases twice leaves everything unchanged")
    func importIsIdempotent() async throws {
        let temp = try TemporaryStore()
        let cases = [hostCase("a"), hostCase("b", label: .fp), hostCase("c", scenario: "SCCM")]

        let first = try await temp.store.importCases(cases)
        #expect(first.added == ["a", "b", "c"])
        #expect(first.revised.isEmpty)
        #expect(first.unchanged.isEmpty)

        let second = try await temp.store.importCases(cases)
        #expect(second.added.isEmpty)
        #expect(second.revised.isEmpty)
        #expect(second.unchanged == ["a", "b", "c"])

        let current = try await temp.store.currentCases()
        #expect(current.map(\.item.id) == ["a", "b", "c"])
        #expect(current.allSatisfy { $0.revision == 1 })
        #expect(current.map(\.item) == cases)
    }

    @Test("a changed case becomes revision 2 and the old revision row is kept")
    func changedCaseGetsNewRevision() async throws {
        let temp = try TemporaryStore()
        let original = hostCase("a")
        _ = try await temp.store.importCases([original, hostCase("b")])
        let before = try #require(try await temp.store.currentCases().first { $0.item.id == "a" })
        #expect(before.revision == 1)

        let changed = hostCase("a", command: "certutil.exe -decode payload.b64 payload.exe")
        let summary = try await temp.store.importCases([changed, hostCase("b")])
        #expect(summary.revised == ["a"])
        #expect(summary.unchanged == ["b"])
        #expect(summary.added.isEmpty)

        let current = try await temp.store.currentCases()
        #expect(current.count == 2)
        let after = try #require(current.first { $0.item.id == "a" })
        #expect(after.revision == 2)
        #expect(after.item == changed)
        #expect(after.revisionID != before.revisionID)

        let rows = try await temp.store.caseRevisions([before.revisionID, after.revisionID])
        #expect(rows.count == 2)
        #expect(rows[before.revisionID]?.revision == 1)
        #expect(rows[before.revisionID]?.item == original)
        #expect(rows[after.revisionID]?.revision == 2)
        #expect(rows[after.revisionID]?.item == changed)

        // Re-importing the revised file is again a no-op.
        let again = try await temp.store.importCases([changed])
        #expect(again.unchanged == ["a"])
    }
}

@Suite("Store: prompt and model versions", .boundedResources)
struct StoreVersionTests {
    @Test("the same prompt text registers to the same row")
    func promptIdempotent() async throws {
        let temp = try TemporaryStore()
        let prompt = try parsePrompt(promptText())
        let first = try await temp.store.registerPrompt(prompt)
        let second = try await temp.store.registerPrompt(prompt)
        #expect(first.rowID == second.rowID)
        #expect(!first.editedWithoutNewVersion)
        #expect(!second.editedWithoutNewVersion)
        let stored = try #require(try await temp.store.promptText(rowID: first.rowID))
        #expect(stored.text == prompt.text)
        #expect(stored.file == "prompts/host-triage/v1.prompt")
    }

    @Test("a text change under the same id@version is flagged; a new version is not")
    func editedWithoutNewVersion() async throws {
        let temp = try TemporaryStore()
        let original = try parsePrompt(promptText())
        let edited = try parsePrompt(promptText(extra: " Be careful."))
        #expect(original.key == edited.key)
        #expect(original.sha256 != edited.sha256)

        let first = try await temp.store.registerPrompt(original)
        let second = try await temp.store.registerPrompt(edited)
        #expect(!first.editedWithoutNewVersion)
        #expect(second.editedWithoutNewVersion)
        #expect(second.rowID != first.rowID)

        // Both texts keep their rows; the original is still flagged as having a sibling.
        let again = try await temp.store.registerPrompt(original)
        #expect(again.rowID == first.rowID)
        #expect(again.editedWithoutNewVersion)

        let bumped = try await temp.store.registerPrompt(try parsePrompt(promptText(version: "v2", extra: " Be careful."), file: "prompts/host-triage/v2.prompt"))
        #expect(!bumped.editedWithoutNewVersion)
        #expect(bumped.rowID != first.rowID && bumped.rowID != second.rowID)
    }

    @Test("registerModel is idempotent and stores the key's variable name, never its value")
    func modelIdempotentWithoutSecrets() async throws {
        let temp = try TemporaryStore()
        let variable = "TRIAGE_EVAL_TEST_KEY_\(UUID().uuidString.prefix(8))"
        let secret = "sk-test-\(UUID().uuidString)"
        setenv(variable, secret, 1)
        defer { unsetenv(variable) }

        let model = ModelConfig(
            id: "gpt", provider: .openai, model: "gpt-4o-mini", baseURL: "https://api.example.com/v1", apiKeyEnv: variable,
            params: .init(temperature: 0, maxTokens: 256), price: .init(inputPerMTok: 0.15, outputPerMTok: 0.6)
        )
        let first = try await temp.store.registerModel(model)
        let second = try await temp.store.registerModel(model)
        #expect(first == second)

        var changed = model
        changed.params.temperature = 0.7
        let third = try await temp.store.registerModel(changed)
        #expect(third != first)

        let configs = try await temp.store.models([first, third])
        #expect(configs[first] == model)
        #expect(configs[third] == changed)

        let raw = try await temp.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT config FROM model ORDER BY id")
        }
        #expect(raw.count == 2)
        for config in raw {
            #expect(config.contains(variable))
            #expect(!config.contains(secret))
            #expect(!config.contains("sk-"))
        }
    }
}

/// A store seeded with two cases, one prompt, one model and a run planning `planned` results.
struct SeededRun {
    let temp: TemporaryStore
    let runID: Int64
    let prompt: PromptVersion
    let promptRow: Int64
    let modelRow: Int64
    let cases: [StoredCase]

    var store: Store { temp.store }

    init(planned: Int = 4) async throws {
        temp = try TemporaryStore()
        _ = try await temp.store.importCases([
            hostCase("case-a", label: .tp, scenario: "certutil", tags: ["must-alert", "injection"]),
            hostCase("case-b", label: .fp, scenario: "SCCM", tags: ["must-not-alert"]),
        ])
        cases = try await temp.store.currentCases()
        prompt = try parsePrompt(promptText())
        promptRow = try await temp.store.registerPrompt(prompt).rowID
        modelRow = try await temp.store.registerModel(ModelConfig(id: "recorded", provider: .replay, path: "answers.jsonl"))
        runID = try await temp.store.createRun(
            toolVersion: "test", gitCommit: "abc123", selection: RunInfo.Selection(),
            plan: RunInfo.Plan(promptRows: [promptRow], modelRows: [modelRow], caseRevisions: cases.map(\.revisionID), samples: 2),
            planned: planned
        )
    }

    func key(_ caseIndex: Int, sample: Int) -> ResultKey {
        ResultKey(runID: runID, promptRowID: promptRow, modelRowID: modelRow, caseRevisionID: cases[caseIndex].revisionID, sample: sample)
    }
}

@Suite("Store: runs and results", .boundedResources)
struct StoreResultTests {
    @Test("saving the same key twice keeps one row holding the second write")
    func resumeOverwrites() async throws {
        let seeded = try await SeededRun()
        let key = seeded.key(0, sample: 0)
        try await seeded.store.saveResults([(key, .failed("timeout: no answer in 60 s", latencyMs: 60_000))])
        let second = answered("verdict=TP confidence=0.91 summary=download and execute", confidence: 0.91)
        try await seeded.store.saveResults([(key, second)])

        let results = try await seeded.store.results(run: seeded.runID)
        #expect(results.count == 1)
        let only = try #require(results.first)
        #expect(only.key == key)
        #expect(only.evaluation == second)
        #expect(only.evaluation.error == nil)

        let rows = try await seeded.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM result WHERE run_id = ?", arguments: [seeded.runID])
        }
        #expect(rows == 1)
    }

    @Test("rows of one rule execution are separate results, named case[row key]")
    func rowKeysSeparateResults() async throws {
        let seeded = try await SeededRun()
        var first = seeded.key(0, sample: 0)
        first.row = "Esql.host_key=h1, Esql.dest_host=203.0.113.45"
        var second = first
        second.row = "Esql.host_key=h2, Esql.dest_host=198.51.100.7"
        let answer = answered("verdict=TP confidence=0.91 summary=x", confidence: 0.91)
        try await seeded.store.saveResults([(first, answer), (second, answer), (first, answer)])
        let results = try await seeded.store.results(run: seeded.runID)
        let caseID = seeded.cases[0].item.id
        #expect(results.map(\.caseID) == ["\(caseID)[Esql.host_key=h1, Esql.dest_host=203.0.113.45]", "\(caseID)[Esql.host_key=h2, Esql.dest_host=198.51.100.7]"])
        #expect(results.map(\.key) == [first, second])
        #expect(try await seeded.store.answeredKeys(run: seeded.runID) == [first, second])
    }

    @Test("answeredKeys lists answered results only, not errors")
    func answeredKeysExcludeErrors() async throws {
        let seeded = try await SeededRun()
        let ok0 = seeded.key(0, sample: 0)
        let ok1 = seeded.key(1, sample: 1)
        let failed = seeded.key(1, sample: 0)
        try await seeded.store.saveResults([
            (ok0, answered("verdict=TP confidence=0.9 summary=x")),
            (failed, .failed("rate_limited: 429 after 4 retries")),
            (ok1, answered("verdict=FP confidence=0.8 summary=y", verdict: "FP", confidence: 0.8, alert: false)),
        ])
        #expect(try await seeded.store.answeredKeys(run: seeded.runID) == [ok0, ok1])
        #expect(try await seeded.store.answeredKeys(run: seeded.runID + 1).isEmpty)
    }

    @Test("results(run:) joins prompt key, model id, case id, label, scenario and tags, in a stable order")
    func resultsJoin() async throws {
        let seeded = try await SeededRun()
        let evaluationB = answered("verdict=FP confidence=0.8 summary=sccm", verdict: "FP", confidence: 0.8, alert: false)
        let evaluationA1 = answered("verdict=TP confidence=0.95 summary=certutil", confidence: 0.95)
        let evaluationA0 = answered("verdict=TP confidence=0.9 summary=certutil")
        // Written out of order: the store sorts by prompt, model, case and sample.
        try await seeded.store.saveResults([
            (seeded.key(1, sample: 0), evaluationB), (seeded.key(0, sample: 1), evaluationA1), (seeded.key(0, sample: 0), evaluationA0),
        ])

        let results = try await seeded.store.results(run: seeded.runID)
        #expect(results.map(\.caseID) == ["case-a", "case-a", "case-b"])
        #expect(results.map(\.key.sample) == [0, 1, 0])
        #expect(results.map(\.evaluation) == [evaluationA0, evaluationA1, evaluationB])
        for result in results {
            #expect(result.prompt == "host-triage@v1")
            #expect(result.promptSHA256 == seeded.prompt.sha256)
            #expect(result.model == "recorded")
            #expect(result.caseRevision == 1)
            #expect(result.key.runID == seeded.runID)
        }
        #expect(results.map(\.label) == [.tp, .tp, .fp])
        #expect(results.map(\.scenario) == ["certutil", "certutil", "SCCM"])
        #expect(results[0].tags == ["must-alert", "injection"])
        #expect(results[2].tags == ["must-not-alert"])
    }

    @Test("finishRun is complete only when every planned result is answered")
    func finishRunStatus() async throws {
        let seeded = try await SeededRun(planned: 2)
        let first = seeded.key(0, sample: 0)
        let second = seeded.key(1, sample: 0)

        try await seeded.store.saveResults([(first, answered("verdict=TP confidence=0.9 summary=x")), (second, .failed("server: 503"))])
        let incomplete = try await seeded.store.finishRun(seeded.runID)
        #expect(incomplete.status == .incomplete)
        #expect(incomplete.errors == 1)
        #expect(incomplete.planned == 2)
        #expect(incomplete.finishedAt != nil)

        try await seeded.store.acquireRun(seeded.runID)
        let reopened = try #require(try await seeded.store.run(seeded.runID))
        #expect(reopened.status == .running)
        #expect(reopened.finishedAt == nil)

        try await seeded.store.saveResults([(second, answered("verdict=FP confidence=0.8 summary=y", verdict: "FP", confidence: 0.8, alert: false))])
        let complete = try await seeded.store.finishRun(seeded.runID)
        #expect(complete.status == .complete)
        #expect(complete.errors == 0)
        // The replay model is offline: its answers are not calls, but their tokens are counted.
        #expect(complete.calls == 0)
        #expect(complete.inputTokens == 240)
        #expect(complete.outputTokens == 28)
        #expect(try await seeded.store.latestRun()?.status == .complete)
    }

    @Test("a run with fewer answers than planned is incomplete, even without errors")
    func finishRunMissing() async throws {
        let seeded = try await SeededRun(planned: 4)
        try await seeded.store.saveResults([(seeded.key(0, sample: 0), answered("verdict=TP confidence=0.9 summary=x"))])
        let info = try await seeded.store.finishRun(seeded.runID)
        #expect(info.status == .incomplete)
        #expect(info.errors == 0)
        #expect(info.plan.samples == 2)
        #expect(info.plan.caseRevisions == seeded.cases.map(\.revisionID))
        #expect(info.gitCommit == "abc123")
    }

    @Test("finishRun of an unknown run is a StoreError")
    func finishUnknownRun() async throws {
        let temp = try TemporaryStore()
        await #expect(throws: StoreError.self) { try await temp.store.finishRun(42) }
        #expect(try await temp.store.run(42) == nil)
        #expect(try await temp.store.latestRun() == nil)
    }
}

@Suite("Store: response cache and file", .boundedResources)
struct StoreCacheTests {
    @Test("cached answers round-trip, are replaced on upsert, counted and cleared")
    func cacheRoundTrip() async throws {
        let temp = try TemporaryStore()
        #expect(try await temp.store.cachedResponse("k1") == nil)
        #expect(try await temp.store.cacheStats() == CacheStats(entries: 0, bytes: 0))

        let one = CachedResponse(response: "verdict=TP confidence=0.9 summary=résumé ✓", inputTokens: 100, outputTokens: 12)
        let two = CachedResponse(response: "verdict=FP confidence=0.8 summary=ok", inputTokens: nil, outputTokens: nil)
        try await temp.store.cacheResponses([(key: "k1", response: one), (key: "k2", response: two)])
        #expect(try await temp.store.cachedResponse("k1") == one)
        #expect(try await temp.store.cachedResponse("k2") == two)
        #expect(try await temp.store.cachedResponse("k3") == nil)

        let stats = try await temp.store.cacheStats()
        #expect(stats.entries == 2)
        #expect(stats.bytes == one.response.utf8.count + two.response.utf8.count)

        let replaced = CachedResponse(response: "verdict=SUSPICIOUS confidence=0.75 summary=new", inputTokens: 1, outputTokens: 2)
        try await temp.store.cacheResponses([(key: "k1", response: replaced)])
        #expect(try await temp.store.cachedResponse("k1") == replaced)
        #expect(try await temp.store.cacheStats().entries == 2)

        #expect(try await temp.store.clearCache() == 2)
        #expect(try await temp.store.cachedResponse("k1") == nil)
        #expect(try await temp.store.cacheStats() == CacheStats(entries: 0, bytes: 0))
        #expect(try await temp.store.clearCache() == 0)
    }

    @Test("the store runs in WAL mode")
    func walMode() async throws {
        let temp = try TemporaryStore()
        _ = try await temp.store.importCases([hostCase("a")])
        #expect(FileManager.default.fileExists(atPath: temp.path + "-wal"))
        let mode = try await temp.store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")

        // A separate connection sees the committed import and the same mode.
        let queue = try DatabaseQueue(path: temp.path)
        let (separateMode, count) = try await queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_revision"))
        }
        #expect(separateMode == "wal")
        #expect(count == 1)
    }

    @Test("reopening an existing store keeps its data")
    func reopen() async throws {
        let temp = try TemporaryStore()
        _ = try await temp.store.importCases([hostCase("a"), hostCase("b")])
        let reopened = try Store(path: temp.path)
        #expect(try await reopened.currentCases().map(\.item.id) == ["a", "b"])
        #expect(try await reopened.importCases([hostCase("a")]).unchanged == ["a"])
    }
}
