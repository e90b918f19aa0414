import Foundation
import GRDB
import Logging
import StubTestSupport
import Testing
import TriageEval
import TriageEvalProviders
import TriageEvalReports
@testable import TriageEvalEngine
@testable import TriageEvalStore

/// Issue 11: A7 (one cost), A8 (what the run used), A9 (no silent "no alert"), B15 (one case set), D21, D22.
@Suite("Run semantics", .boundedResources)
struct RunSemanticsTests {
    static let price = ModelConfig.Price(inputPerMTok: 2, outputPerMTok: 8)
    /// USD of one FakeProvider answer (100 in, 12 out) at ``price``, computed by hand: (100 × 2 + 12 × 8) / 10⁶.
    static let answerUSD = 0.000296
    /// One prompt (host-triage@v1 and @v2 render the same text, so the second could be answered from the cache).
    static let onePrompt = RunRequest(prompts: ["host-triage@v1"], models: ["recorded"])

    // MARK: A7

    @Test("A7: a killed run's counters come from its stored results; a resume counts every result once")
    func countersSurviveKillAndResume() async throws {
        let temp = try TemporaryWorkspace()
        let plan = try await temp.livePlan(liveModel(price: Self.price), provider: FakeProvider(), request: Self.onePrompt)
        #expect(plan.count == 4)
        let runID = try await temp.store.createRun(toolVersion: "test", gitCommit: nil, selection: .init(), plan: plan.recorded, planned: plan.count)
        _ = try await RunExecutor(store: temp.store, plan: plan, runID: runID).execute()
        // Killed here: finishRun never ran. What the store says is what the results say.
        let killed = try #require(try await temp.store.run(runID))
        #expect(killed.status == .interrupted)  // no live lease: the process that ran it is gone
        #expect(killed.calls == 4)
        #expect(killed.inputTokens == 400)
        #expect(killed.outputTokens == 48)
        #expect(abs(killed.costUSD - 4 * Self.answerUSD) < 1e-12)

        // Two results were lost with the kill (their cache entries with them: one transaction); the resume
        // redoes exactly those.
        try await temp.store.pool.write { db in
            try db.execute(sql: "DELETE FROM result WHERE id IN (SELECT id FROM result WHERE run_id = ? ORDER BY id LIMIT 2)", arguments: [runID])
            try db.execute(sql: "DELETE FROM response_cache")
        }
        try await temp.store.acquireRun(runID)
        let skip = try await temp.store.answeredKeys(run: runID)
        let resumed = try await RunExecutor(store: temp.store, plan: plan, runID: runID, skip: skip).execute()
        #expect(resumed.counters.calls == 2)
        let finished = try await temp.store.finishRun(runID)
        #expect(finished.status == .complete)
        #expect(finished.calls == 4)
        #expect(finished.inputTokens == 400)
        #expect(finished.outputTokens == 48)
        #expect(abs(finished.costUSD - 4 * Self.answerUSD) < 1e-12)
        #expect(try await temp.store.runs().first?.calls == 4)
    }

    @Test("A7: cached answers cost nothing and are counted apart, in the run counters and in every group alike")
    func cachedAnswersCostNothing() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeProvider()
        let plan = try await temp.livePlan(liveModel(price: Self.price), provider: provider, request: Self.onePrompt)
        let (first, _) = try await temp.execute(plan)
        #expect(abs(first.costUSD - 4 * Self.answerUSD) < 1e-12)
        let (second, outcome) = try await temp.execute(plan)
        #expect(provider.callCount == 4)
        #expect(outcome.counters.cacheHits == 4)
        #expect(second.cacheHits == 4)
        #expect(second.calls == 0)
        #expect(second.inputTokens == 0)
        #expect(second.costUSD == 0)

        let analysis = try await RunLoader(store: temp.store, defaults: temp.workspace.config.decision).analysis(second)
        #expect(analysis.groups.count == 1)
        for group in analysis.groups {
            #expect(group.usage.cached == 4)
            #expect(group.usage.inputTokens == 0)
            #expect(group.usage.costUSD == 0)
        }
    }

    @Test("A7: --max-cost counts what the final summary counts: the session's spend equals the run's cost")
    func budgetAgreesWithSummary() async throws {
        let temp = try TemporaryWorkspace()
        let plan = try await temp.livePlan(liveModel(price: Self.price, maxTokens: 12), provider: FakeProvider(), request: Self.onePrompt)
        let events = EventLog()
        // Room for a few calls only: each reserves its prompt's bytes / 4 input tokens and 12 output tokens.
        let (info, outcome) = try await temp.execute(plan, maxCost: 0.001, events: events)
        #expect(events.budgetStops == 1)
        #expect(outcome.notStarted > 0)
        #expect(info.calls == 4 - outcome.notStarted)
        #expect(abs(outcome.spentUSD - info.costUSD) < 1e-12)
        #expect(abs(info.costUSD - Double(info.calls) * Self.answerUSD) < 1e-12)
        let reported = try #require(events.budgetReports.first)
        #expect(reported.spent <= outcome.spentUSD + 1e-12)
        #expect(reported.spent + reported.inFlight <= 0.001 + 1e-12)
    }

    // MARK: A8

    /// A host prompt without a `decision:` block: its decision comes from the config's defaults.
    static let promptWithoutDecision = """
        ---
        id: host-defaults
        version: v1
        entity: host
        output:
          format: dissect
          pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
          verdicts: [TP, FP, SUSPICIOUS]
        ---
        Host {{host_name}} ran: {{cmdlines_str}}. Answer: verdict=<v> confidence=<c> summary=<s>

        """

    @Test("A8: reports and --resume use the decision the run recorded, not today's config defaults")
    func recordedDecisionWins() async throws {
        let temp = try TemporaryWorkspace()
        try FileManager.default.createDirectory(at: temp.directory.appendingPathComponent("prompts/host-defaults"), withIntermediateDirectories: true)
        try temp.write(Self.promptWithoutDecision, to: "prompts/host-defaults/v1.prompt")
        let (_, info, _) = try await temp.run(RunRequest(prompts: ["host-defaults@v1"], models: ["recorded"]))
        #expect(info.plan.decisionDefaults?.minConfidence == 0.7)

        try temp.write(configYAML.replacingOccurrences(of: "min_confidence: 0.7", with: "min_confidence: 0.95"), to: "triage-eval.yaml")
        let today = try TemporaryWorkspace(reloading: temp)
        #expect(today.workspace.config.decision.minConfidence == 0.95)
        let analysis = try await RunLoader(store: today.store, defaults: today.workspace.config.decision).analysis(info)
        #expect(analysis.groups.first?.policy.minConfidence == 0.7)
        #expect(analysis.prompts["host-defaults@v1"]?.decision.minConfidence == 0.7)
        let resumed = try await today.preparer.resumePlan(info)
        #expect(resumed.prompts.first?.version.decision.minConfidence == 0.7)
    }

    @Test("A8: a recorded prompt that no longer parses is an error naming it, not a silent fall-back")
    func unparsableRecordedPromptIsAnError() async throws {
        let temp = try TemporaryWorkspace()
        let (_, info, _) = try await temp.run(RunRequest(prompts: ["host-triage@v1"], models: ["recorded"]))
        try await temp.store.pool.write { db in
            try db.execute(sql: "UPDATE prompt_version SET text = 'no front matter here' WHERE id = ?", arguments: [info.plan.promptRows[0]])
        }
        let thrown = await #expect(throws: StoreError.self) {
            try await RunLoader(store: temp.store, defaults: temp.workspace.config.decision).analysis(info)
        }
        #expect(thrown?.message.contains("host-triage@v1") == true)
        #expect(thrown?.message.contains("run \(info.id)") == true)
        await #expect(throws: StoreError.self) { try await temp.preparer.resumePlan(info) }
    }

    @Test("A8: --resume after a model's model: or params: changed refuses and names the change")
    func resumeRefusesChangedModel() async throws {
        let temp = try TemporaryWorkspace()
        let (_, info, _) = try await temp.run(RunRequest(prompts: ["host-triage@v1"], models: ["recorded"]))
        try temp.write(
            configYAML.replacingOccurrences(of: "    concurrency: 3\n", with: "    concurrency: 3\n    params: {temperature: 0.2}\n"),
            to: "triage-eval.yaml"
        )
        let changed = try TemporaryWorkspace(reloading: temp)
        let thrown = await #expect(throws: InputError.self) { try await changed.preparer.resumePlan(info) }
        #expect(thrown?.file == changed.workspace.configFile)
        #expect(thrown?.field == "models[recorded]")
        #expect(thrown?.message.contains("params.temperature unset → \"0.2\"") == true)

        // A connection setting (concurrency) may change: the recorded config is used with it.
        try temp.write(configYAML.replacingOccurrences(of: "concurrency: 3", with: "concurrency: 1"), to: "triage-eval.yaml")
        let fixed = try TemporaryWorkspace(reloading: temp)
        let plan = try await fixed.preparer.resumePlan(info)
        #expect(plan.models.first?.config.concurrency == 1)
        #expect(plan.models.first?.rowID == info.plan.modelRows.first)
    }

    // MARK: A9

    /// Imports a test rule from `Tests/Fixtures/rules/failing/` as `id@v1`.
    static func importRule(_ name: String, id: String, into temp: TemporaryWorkspace) async throws {
        _ = try await RuleImporter(workspace: temp.workspace, store: temp.store)
            .importRule(path: try TestFixtures.path("rules/failing/\(name)"), id: id, version: nil)
    }

    @Test("A9: a rule that cannot render a case, and a rule tail that fails on an answer, are error results: counted and shown")
    func renderAndTailFailuresAreErrors() async throws {
        let answers = try answersJSONL(samples: 1).replacingOccurrences(
            of: "verdict=TP confidence=0.92 summary=certutil download and execute", with: "verdict=TP confidence=0.92 summary=when:yesterday"
        )
        let temp = try TemporaryWorkspace(answers: answers)
        try await Self.importRule("render-fails.toml", id: "render-fails", into: temp)
        try await Self.importRule("tail-fails.toml", id: "tail-fails", into: temp)
        let (_, info, _) = try await temp.run(RunRequest(prompts: ["render-fails@v1", "tail-fails@v1"], models: ["recorded"]))
        #expect(info.planned == 8)
        let results = try await temp.store.results(run: info.id)
        let rendering = results.filter { $0.prompt == "render-fails@v1" }
        #expect(rendering.count == 4)
        #expect(rendering.allSatisfy { $0.evaluation.error?.hasPrefix("render_error: render-fails@v1 cannot render case") == true })
        let tail = results.filter { $0.prompt == "tail-fails@v1" }
        #expect(tail.filter(\.evaluation.isError).map(\.caseID) == ["cert-download-01"])
        #expect(tail.first { $0.caseID == "cert-download-01" }?.evaluation.error?.contains("yesterday") == true)
        #expect(info.errors == 5)
        #expect(info.status == .incomplete)
        let analysis = try await RunLoader(store: temp.store, defaults: temp.workspace.config.decision).analysis(info)
        #expect(analysis.group(prompt: "render-fails@v1", model: "recorded")?.errors == ["render_error": 4])
        #expect(analysis.group(prompt: "tail-fails@v1", model: "recorded")?.errors == ["rule_error": 1])
    }

    // MARK: B15

    static let extraCase = """
        - id: extra-01
          label: TP
          scenario: Extra
          tags: [imported]
          entity: {type: host, name: WS-EXTRA}
          alert_count: 2
          time_window_minutes: 1
          max_risk_score: 50
          rules: ["Suspicious CertUtil Commands"]
          command_lines: ['certutil.exe -decode a b']
        - id: draft-09
          label: null
          scenario: Extra
        """

    @Test("B15: a case imported from elsewhere is planned and rendered; once its file is deleted it is neither listed nor planned")
    func importedElsewhereIsPlanned() async throws {
        let temp = try TemporaryWorkspace()
        let outside = temp.directory.appendingPathComponent("mycases/ok.yaml")
        try FileManager.default.createDirectory(at: outside.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.extraCase.write(to: outside, atomically: true, encoding: .utf8)
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        let imported = try await sync.sync([outside.path])
        #expect(imported.cases.map(\.id) == ["extra-01"])
        #expect(imported.draftNote?.contains("draft-09") == true)

        let prepared = try await temp.preparer.prepare(RunRequest(models: ["heuristic"]))
        #expect(prepared.plan.cases.map(\.id).contains("extra-01"))
        #expect(prepared.plan.cases.count == 5)
        #expect(prepared.warnings.contains { $0.contains("draft-09") && $0.contains("label: null") })
        let rendered = try await Trial.render(prompt: "host-triage@v1", caseID: "extra-01", workspace: temp.workspace, store: temp.store)
        #expect(rendered.text.contains("WS-EXTRA"))

        try FileManager.default.removeItem(at: outside)
        #expect(try await sync.caseSet().cases.map(\.item.id).contains("extra-01") == false)
        #expect(try await temp.preparer.prepare(RunRequest(models: ["heuristic"])).plan.cases.count == 4)
        await #expect(throws: InputError.self) {
            try await Trial.render(prompt: "host-triage@v1", caseID: "extra-01", workspace: temp.workspace, store: temp.store)
        }
    }

    @Test("B15: a removed case is neither listed nor planned until its file is imported again")
    func removedCaseLeavesTheSet() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        _ = try await sync.sync()
        try await temp.store.removeCases(["sccm-script-01"])
        #expect(try await sync.caseSet().cases.map(\.item.id) == ["cert-decode-02", "cert-download-01", "sccm-inventory-02"])
        #expect(try await temp.preparer.prepare(RunRequest(models: ["heuristic"])).plan.cases.count == 3)
        _ = try await sync.sync([temp.directory.appendingPathComponent("cases/hosts.yaml").path])
        #expect(try await sync.caseSet().cases.count == 4)
    }

    @Test("B15: the JSONL that export writes imports; filters match scenarios case-insensitively; an empty selection names the scenarios")
    func jsonlAndFilters() async throws {
        let temp = try TemporaryWorkspace()
        let sync = CaseFileSync(workspace: temp.workspace, store: temp.store)
        let cases = try await sync.caseSet().cases
        let jsonl = cases.map { $0.item.canonicalJSON() }.joined(separator: "\n") + "\n"
        try FileManager.default.removeItem(at: temp.directory.appendingPathComponent("cases/hosts.yaml"))
        try temp.write(jsonl, to: "cases/hosts.jsonl")
        let again = try await sync.caseSet()
        #expect(again.cases.map(\.item) == cases.map(\.item))
        #expect(again.synced.summary.added.isEmpty && again.synced.summary.revised.isEmpty)

        #expect(try CaseSelection(scenarios: ["sccm"]).apply(cases).map(\.item.id) == ["sccm-inventory-02", "sccm-script-01"])
        #expect(try CaseSelection(tags: ["MUST-ALERT"]).apply(cases).map(\.item.id) == ["cert-download-01"])
        #expect(try CaseSelection(caseIDs: ["cert-decode-02"]).apply(cases).count == 1)
        let unknown = #expect(throws: InputError.self) { try CaseSelection(scenarios: ["lsass"]).apply(cases) }
        #expect(unknown?.message == "no case has scenario \"lsass\"; scenarios: SCCM, certutil")
        let empty = #expect(throws: InputError.self) { try CaseSelection(scenarios: ["sccm"], tags: ["must-alert"]).apply(cases) }
        #expect(empty?.message.contains("scenarios: SCCM, certutil") == true)
        let prepared = try await temp.preparer.prepare(RunRequest(models: ["heuristic"], scenarios: ["SCCM"], tags: ["must-not-alert"]))
        #expect(prepared.plan.cases.map(\.id) == ["sccm-script-01"])
    }

    // MARK: D21, D22

    @Test("D21: the prompt kind is a stored column: a rule is a rule whatever its file is called, a template never is")
    func promptKindIsStored() async throws {
        let temp = try TemporaryWorkspace()
        let text = String(decoding: try TestFixtures.data("rules/failing/tail-fails.toml"), as: UTF8.self)
        let rule = try RulePromptParser.parse(text, file: "rules/tail-fails.rule", id: "renamed", version: "v1", defaults: AlertPolicy())
        _ = try await temp.store.registerPrompt(rule)
        let template = try PromptFileParser.parse(Self.promptWithoutDecision, file: "prompts/odd.toml", defaults: AlertPolicy())
        _ = try await temp.store.registerPrompt(template)
        let rules = try await temp.store.importedRules()
        #expect(rules.map(\.id) == ["renamed"])
        #expect(rules.first?.kind == .rule)
        let keys = try await PromptCatalog(workspace: temp.workspace, store: temp.store).all().map(\.key)
        #expect(keys.contains("renamed@v1"))
    }

    @Test("D22: prompts remove hides an imported rule from new runs; a run that used it still reports; re-import restores it")
    func removeImportedRule() async throws {
        let temp = try TemporaryWorkspace()
        try await Self.importRule("tail-fails.toml", id: "tail", into: temp)
        let (_, info, _) = try await temp.run(RunRequest(prompts: ["tail@v1"], models: ["recorded"]))
        #expect(try await temp.store.removeRule(id: "tail", version: "v1"))
        #expect(try await temp.store.removeRule(id: "tail", version: "v1") == false)
        #expect(try await temp.store.removeRule(id: "host-triage", version: "v1") == false)
        #expect(try await PromptCatalog(workspace: temp.workspace, store: temp.store).all().map(\.key) == ["host-triage@v1", "host-triage@v2"])
        await #expect(throws: InputError.self) { try await temp.preparer.prepare(RunRequest(prompts: ["tail@v1"])) }
        let analysis = try await RunLoader(store: temp.store, defaults: temp.workspace.config.decision).analysis(info)
        #expect(analysis.groups.map(\.prompt) == ["tail@v1"])
        let names = try await temp.store.runNames(info)
        #expect(names.prompts == ["tail@v1"])
        #expect(names.models == ["recorded"])
        try await Self.importRule("tail-fails.toml", id: "tail", into: temp)
        #expect(try await temp.store.importedRules().map(\.id) == ["tail"])
    }

    @Test("D22: a provider setting error names the config file given with --config; a stopped model reads \"an auth error\"")
    func configFileNamedAndGrammar() async throws {
        let temp = try TemporaryWorkspace()
        try temp.write(
            configYAML.replacingOccurrences(of: "decision:\n", with: "  - id: live\n    provider: openai\n    api_key_env: SOME_KEY\ndecision:\n"),
            to: "triage-eval.yaml"
        )
        let edited = try TemporaryWorkspace(reloading: temp)
        let thrown = await #expect(throws: InputError.self) { try await edited.preparer.prepare(RunRequest(models: ["live"])) }
        #expect(thrown?.file == edited.workspace.configFile)
        #expect(thrown?.field == "models[live].model")

        let provider = FakeProvider { _, _ throws(ProviderError) in throw ProviderError(.auth, "HTTP 401: invalid api key") }
        let plan = try await temp.livePlan(liveModel(circuitBreaker: 10), provider: provider)
        let (_, outcome) = try await temp.execute(plan)
        #expect(outcome.openCircuits["fake"]?.hasPrefix("an auth error that every call would repeat") == true)
    }
}
