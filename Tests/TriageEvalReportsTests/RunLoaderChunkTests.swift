import Foundation
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

@Suite("Run loader: a big run's case revisions")
struct RunLoaderChunkTests {
    /// 2,500 planned cases: two or more of the loader's parallel chunks (each at least 1,000) wherever there are two cores or more.
    static let count = 2_500

    @Test("Issue 15: the analysis holds every planned case revision, as one read of them all gives, and folds the unanswered ones")
    func everyPlannedRevisionIsLoaded() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("run-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("store.sqlite").path)
        var yaml = ""
        for index in 0 ..< Self.count {
            yaml += """
                - id: case-\(String(format: "%05d", index))
                  label: \(index % 4 == 0 ? "TP" : "FP")
                  scenario: scenario-\(index % 3)
                  notes: note \(index)
                  entity: {type: host, name: HOST-\(index), id: id-\(index)}
                  alert_count: 1
                  time_window_minutes: 5
                  max_risk_score: 50
                  rules: ["Rule \(index % 7)"]

                """
        }
        _ = try await store.importCases(try CaseFileParser.parse(yaml, file: "cases.yaml"))
        let stored = try await store.currentCases()
        #expect(stored.count == Self.count)
        let prompt = try PromptFileParser.parse("""
            ---
            id: chunk
            version: v1
            entity: host
            output:
              format: dissect
              pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
              verdicts: [TP, FP, SUSPICIOUS]
            ---
            Triage {{host_name}}.
            """, file: "chunk.prompt", defaults: AlertPolicy())
        let promptRow = try await store.registerPrompt(prompt).rowID
        let modelRow = try await store.registerModel(ModelConfig(id: "m", provider: .heuristic))
        let plan = RunInfo.Plan(promptRows: [promptRow], modelRows: [modelRow], caseRevisions: stored.map(\.revisionID), samples: 1)
        let runID = try await store.createRun(toolVersion: "test", gitCommit: nil, selection: RunInfo.Selection(), plan: plan, planned: Self.count)
        // Only the first 10 cases are answered; the other 2,490 planned cases stay unanswered.
        let evaluator = try AnswerEvaluator(prompt: prompt)
        try await store.saveResults(stored.prefix(10).map { item in
            (ResultKey(runID: runID, promptRowID: promptRow, modelRowID: modelRow, caseRevisionID: item.revisionID, sample: 0),
             evaluator.evaluate("verdict=TP confidence=0.9 summary=x"))
        })
        let info = try #require(try await store.run(runID))

        let analysis = try await RunLoader(store: store, defaults: AlertPolicy()).analysis(info)

        let oneRead = try await store.caseRevisions(plan.caseRevisions).mapValues(\.item)
        #expect(analysis.cases.count == Self.count)
        #expect(analysis.cases == oneRead)
        let group = try #require(analysis.groups.first)
        #expect(group.cases.count == Self.count)
        #expect(group.planned == Self.count)
        #expect(group.cases.filter { $0.answered.isEmpty }.count == Self.count - 10)
        #expect(analysis.caseNote("case-02499") == "note 2499")
    }
}
