import Foundation
import StubTestSupport
import Testing
import TriageEval
import TriageEvalProviders
@testable import TriageEvalEngine
@testable import TriageEvalStore

@Suite("Engine: runs", .boundedResources)
struct RunEngineTests {
    @Test("a full run stores prompts × models × cases × samples results with the rule's alerts")
    func fullRun() async throws {
        let temp = try TemporaryWorkspace()
        let (plan, info, counters) = try await temp.run(RunRequest())

        #expect(plan.prompts.map(\.version.key) == ["host-triage@v1", "host-triage@v2"])
        #expect(plan.models.map(\.config.id) == ["recorded", "heuristic"])
        #expect(plan.cases.count == 4)
        #expect(plan.count == 2 * 2 * 4 * 1)
        #expect(info.planned == 16)
        #expect(info.status == .complete)
        #expect(info.errors == 0)
        #expect(counters.errors == 0)
        #expect(counters.calls == 0) // offline models are not provider calls
        #expect(counters.cacheHits == 0)

        let results = try await temp.store.results(run: info.id)
        #expect(results.count == 16)
        #expect(Set(results.map(\.key)).count == 16)
        #expect(results.allSatisfy { $0.key.sample == 0 && !$0.evaluation.isError && $0.evaluation.strict?.status == .ok })

        // Replay decisions: v1 alerts above 0.7, v2 above 0.6 (its own decision block).
        let replayed = results.filter { $0.model == "recorded" }
        #expect(replayed.count == 8)
        let expectedV1 = ["cert-download-01": true, "cert-decode-02": false, "sccm-script-01": false, "sccm-inventory-02": true]
        let expectedV2 = ["cert-download-01": true, "cert-decode-02": true, "sccm-script-01": false, "sccm-inventory-02": true]
        for result in replayed {
            let expected = result.prompt == "host-triage@v1" ? expectedV1 : expectedV2
            #expect(result.evaluation.alert == expected[result.caseID], "\(result.prompt) \(result.caseID)")
            let answer = recordedAnswers.first { $0.id == result.caseID }?.answer
            #expect(result.evaluation.response == answer)
        }

        // Every stored alert is the prompt's decision on the stored answer, whatever the model.
        let evaluators = try Dictionary(uniqueKeysWithValues: plan.prompts.map { ($0.version.key, try AnswerEvaluator(prompt: $0.version)) })
        for result in results {
            let evaluator = try #require(evaluators[result.prompt])
            let response = try #require(result.evaluation.response)
            let again = evaluator.evaluate(response)
            #expect(result.evaluation.alert == again.alert)
            #expect(result.evaluation.strict == again.strict)
        }

        // Labels, scenarios and revisions come from the imported case file.
        let labels = Dictionary(results.map { ($0.caseID, $0.label) }, uniquingKeysWith: { first, _ in first })
        #expect(labels == ["cert-download-01": .tp, "cert-decode-02": .tp, "sccm-script-01": .fp, "sccm-inventory-02": .fp])
        #expect(Set(results.map(\.scenario)) == ["certutil", "SCCM"])
        #expect(results.allSatisfy { $0.caseRevision == 1 })
    }

    @Test("the heuristic model answers each case in the prompt's format")
    func heuristicRun() async throws {
        let temp = try TemporaryWorkspace()
        let (_, info, _) = try await temp.run(RunRequest(prompts: ["host-triage@v1"], models: ["heuristic"]))
        let results = try await temp.store.results(run: info.id)
        #expect(results.count == 4)
        let download = try #require(results.first { $0.caseID == "cert-download-01" })
        #expect(download.evaluation.strict?.verdict == "TP")
        #expect(download.evaluation.alert)
        let sccm = try #require(results.first { $0.caseID == "sccm-script-01" })
        #expect(sccm.evaluation.strict?.verdict == "FP")
        #expect(!sccm.evaluation.alert)
    }

    @Test("samples multiply the plan and every sample is stored")
    func samples() async throws {
        let temp = try TemporaryWorkspace()
        let prepared = try await temp.preparer.prepare(RunRequest(samples: 3))
        #expect(prepared.plan.count == 2 * 2 * 4 * 3)
        #expect(prepared.plan.items(model: 0).count == 2 * 4 * 3)
        #expect(prepared.importSummary.added.count == 4)

        let (plan, info, _) = try await temp.run(RunRequest(models: ["recorded"], samples: 3))
        #expect(plan.count == 2 * 1 * 4 * 3)
        #expect(info.status == .complete)
        #expect(info.samples == 3)
        let results = try await temp.store.results(run: info.id)
        #expect(results.count == 24)
        #expect(Set(results.map(\.key.sample)) == [0, 1, 2])
        #expect(Set(results.map(\.key)).count == 24)
    }

    @Test("selecting a prompt, a model or a scenario narrows the plan")
    func selection() async throws {
        let temp = try TemporaryWorkspace()
        let prepared = try await temp.preparer.prepare(RunRequest(prompts: ["host-triage@v2"], models: ["recorded"], scenarios: ["SCCM"]))
        #expect(prepared.plan.prompts.map(\.version.key) == ["host-triage@v2"])
        #expect(prepared.plan.models.map(\.config.id) == ["recorded"])
        #expect(prepared.plan.cases.map(\.id) == ["sccm-inventory-02", "sccm-script-01"])
        #expect(prepared.plan.count == 2)
        #expect(prepared.warnings.isEmpty)

        let allVersions = try await temp.preparer.prepare(RunRequest(prompts: ["host-triage"]))
        #expect(allVersions.plan.prompts.map(\.version.key) == ["host-triage@v1", "host-triage@v2"])
    }

    @Test("a missing replay answer is one error and an incomplete run; resume completes it without touching the rest")
    func resume() async throws {
        let temp = try TemporaryWorkspace(answers: try answersJSONL(samples: 1, missing: ["sccm-inventory-02#0"]))
        let request = RunRequest(prompts: ["host-triage@v1"], models: ["recorded"])
        let (plan, info, counters) = try await temp.run(request)
        #expect(plan.count == 4)
        #expect(counters.errors == 1)
        #expect(info.status == .incomplete)
        #expect(info.errors == 1)

        let before = try await temp.store.results(run: info.id)
        #expect(before.count == 4)
        let failed = before.filter(\.evaluation.isError)
        #expect(failed.map(\.caseID) == ["sccm-inventory-02"])
        #expect(failed.first?.evaluation.error?.hasPrefix("missing_answer:") == true)
        #expect(failed.first?.evaluation.response == nil)
        let answeredBefore = before.filter { !$0.evaluation.isError }
        #expect(answeredBefore.count == 3)

        // Fix the recordings and resume as `run --resume` does.
        try temp.write(try answersJSONL(samples: 1), to: "answers.jsonl")
        let recorded = try #require(try await temp.store.run(info.id))
        let resumedPlan = try await temp.preparer.resumePlan(recorded)
        #expect(resumedPlan.count == plan.count)
        let skip = try await temp.store.answeredKeys(run: info.id)
        #expect(skip == Set(answeredBefore.map(\.key)))
        try await temp.store.acquireRun(info.id)
        let progressLog = ProgressLog()
        let resumedCounters = try await RunExecutor(store: temp.store, plan: resumedPlan, runID: info.id, skip: skip) { event in
            if case .progress(let snapshot) = event { progressLog.append(snapshot) }
        }.execute().counters
        let seen = progressLog.entries
        #expect(resumedCounters.errors == 0)
        #expect(seen.last?.total == 1)
        #expect(seen.last?.done == 1)
        let finished = try await temp.store.finishRun(info.id)
        #expect(finished.status == .complete)
        #expect(finished.errors == 0)

        let after = try await temp.store.results(run: info.id)
        #expect(after.count == 4)
        #expect(Set(after.map(\.key)).count == 4)
        #expect(Set(after.map(\.key)) == Set(before.map(\.key)))
        #expect(after.allSatisfy { !$0.evaluation.isError })
        for old in answeredBefore {
            #expect(after.first { $0.key == old.key } == old, "\(old.caseID) changed on resume")
        }
        let fixed = try #require(after.first { $0.caseID == "sccm-inventory-02" })
        #expect(fixed.evaluation.response == "verdict=SUSPICIOUS confidence=0.80 summary=inventory script from an odd path")
        #expect(fixed.evaluation.alert)
    }

    @Test("unknown prompt, model and scenario names are InputErrors")
    func unknownNames() async throws {
        let temp = try TemporaryWorkspace()
        let prompt = await #expect(throws: InputError.self) { try await temp.preparer.prepare(RunRequest(prompts: ["host-triage@v9"])) }
        #expect(prompt?.field == "--prompt")
        #expect(prompt?.message.contains("host-triage@v1") == true)
        let bare = await #expect(throws: InputError.self) { try await temp.preparer.prepare(RunRequest(prompts: ["user-triage"])) }
        #expect(bare?.field == "--prompt")
        let model = await #expect(throws: InputError.self) { try await temp.preparer.prepare(RunRequest(models: ["gpt-5"])) }
        #expect(model?.field == "--model")
        #expect(model?.message.contains("recorded") == true)
        let scenario = await #expect(throws: InputError.self) { try await temp.preparer.prepare(RunRequest(scenarios: ["LSASS"])) }
        #expect(scenario?.field == "--scenario")
        #expect(scenario?.message.contains("SCCM") == true)
        let samples = await #expect(throws: InputError.self) { try await temp.preparer.prepare(RunRequest(samples: 0)) }
        #expect(samples?.field == "--samples")
    }

    @Test("bad case files are all reported with file, line and field")
    func badCaseFiles() async throws {
        let temp = try TemporaryWorkspace()
        try temp.write(
            """
            - id: bad-01
              label: TP
              scenario: certutil
              lable: TP
              entity: {type: host, name: WS-1}
              alert_count: 1
              time_window_minutes: 1
              max_risk_score: 1
              rules: [R]
            """,
            to: "cases/bad.yaml"
        )
        try temp.write(
            """
            # a comment first
            - id: worse-01
              label: maybe
              scenario: certutil
            """,
            to: "cases/worse.yaml"
        )
        let thrown = await #expect(throws: InputErrors.self) { try await CaseFileSync(workspace: temp.workspace, store: temp.store).sync() }
        let errors = try #require(thrown?.errors)
        #expect(errors.count == 2)
        let unknownKey = try #require(errors.first)
        #expect(unknownKey.file.hasSuffix("cases/bad.yaml"))
        #expect(unknownKey.line == 4)
        #expect(unknownKey.field == "cases[0].lable")
        #expect(unknownKey.message.contains("unknown key"))
        let badLabel = try #require(errors.last)
        #expect(badLabel.file.hasSuffix("cases/worse.yaml"))
        #expect(badLabel.line == 3)
        #expect(badLabel.field == "cases[0].label")
        #expect(thrown?.description.contains("bad.yaml:4") == true)
    }

    @Test("a case id defined in two files is an error")
    func duplicateIDsAcrossFiles() async throws {
        let temp = try TemporaryWorkspace()
        try temp.write(caseYAML, to: "cases/copy.yaml")
        let thrown = await #expect(throws: InputErrors.self) { try await CaseFileSync(workspace: temp.workspace, store: temp.store).sync() }
        #expect(thrown?.errors.count == 1)
        #expect(thrown?.errors.first?.message.contains("duplicate id") == true)
    }
}

/// Collects progress snapshots from concurrent tasks.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [RunProgress] = []

    func append(_ progress: RunProgress) {
        lock.lock()
        defer { lock.unlock() }
        stored.append(progress)
    }

    var entries: [RunProgress] {
        lock.lock()
        defer { lock.unlock() }
        return stored.sorted { $0.done < $1.done }
    }
}
