import Foundation
import StubTestSupport
import Testing
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

@Suite("Run loader: a big run's case revisions", .boundedResources)
struct RunLoaderChunkTests {
    /// 2,500 planned cases: two or more of the loader's parallel chunks (each at least 500) wherever there are two cores or more.
    static let count = 2_500

    @Test("Issue 15: the analysis describes unanswered case revisions by caseRefs, as decoding them gives, decodes only what it must, and folds them")
    func everyPlannedRevisionIsDescribed() async throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (info, plan, _) = try await Self.run(store, answered: 10)
        let decodedBefore = store.instrumentation.caseRowsRead

        let analysis = try await RunLoader(store: store, defaults: AlertPolicy()).analysis(info)

        // The 2,490 unanswered cases are decoded once, to ask the prompt whether it judges them; no case is held whole
        // (none has documents or is a robustness variant).
        #expect(store.instrumentation.caseRowsRead - decodedBefore == Self.count - 10)
        // …a slice at a time per parallel read, never all at once (an interrupted 100,000-case run's report held every
        // unanswered case decoded: 786 MB).
        #expect(store.instrumentation.peakCasesHeld > 0)
        #expect(store.instrumentation.peakCasesHeld <= ProcessInfo.processInfo.activeProcessorCount * RunLoader.decodeSlice)
        #expect(store.instrumentation.peakCasesHeld < Self.count - 10)
        #expect(analysis.cases.isEmpty)
        // The unanswered cases are described by caseRefs (as decoding them describes them); the answered by their results.
        let unanswered = Array(plan.caseRevisions.dropFirst(10))
        let oneRead = try await store.caseRevisions(unanswered)
        #expect(analysis.caseRefs.values == oneRead.values.map { CaseRef(revisionID: $0.revisionID, $0.item) }.sorted { $0.revisionID < $1.revisionID })
        let group = try #require(analysis.groups.first)
        #expect(group.cases.count == Self.count)
        #expect(group.planned == Self.count)
        #expect(group.cases.filter { $0.answered.isEmpty }.count == Self.count - 10)
        #expect(analysis.caseNote("case-02499") == "note 2499")
    }

    @Test("Issue 15: a complete run's analysis decodes no case and holds no raw answer; a listed result reads its own")
    func leanAnalysisReadsWhatItLists() async throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (info, _, answer) = try await Self.run(store, answered: Self.count)
        let decodedBefore = store.instrumentation.caseRowsRead

        let analysis = try await RunLoader(store: store, defaults: AlertPolicy()).analysis(info)

        #expect(store.instrumentation.caseRowsRead == decodedBefore)
        #expect(analysis.caseRefs.isEmpty)
        let group = try #require(analysis.groups.first)
        #expect(group.results.count == Self.count)
        #expect(group.results.allSatisfy { $0.evaluation.response == nil && $0.evaluation.strict?.summary == nil })
        // Every result is a plain answer, held compactly (``ResultColumns``).
        #expect(group.results.wholeCount == 0)
        // What scoring reads is all there.
        #expect(group.results.allSatisfy { $0.evaluation.strict?.status == .ok && $0.evaluation.strict?.confidence == 0.9 && $0.evaluation.alert })
        #expect(group.overall.alert.tp + group.overall.alert.fp == Self.count)
        let listed = group.detailed(group.results[7])
        #expect(listed.evaluation.response == answer)
        #expect(listed.evaluation.strict?.summary == "x")
        #expect(listed.key == group.results[7].key)
        // An answered case's note: its planned revision found on demand (binary search of the sorted plan).
        #expect(analysis.caseNote("case-00007") == "note 7")
        #expect(analysis.caseNote("case-02498") == "note 2498")
        #expect(analysis.caseNote("no-such-case") == nil)
        #expect(analysis.details?.failure == nil)
        // The Markdown report lists wrong decisions (the FP cases alerted) with their summaries, read on demand.
        let markdown = MarkdownReport.render(analysis)
        #expect(markdown.contains("| x |"))
    }

    @Test("Issue 15: JUnit of a lean run carries every wrong sample's raw answer, read a batch of cases at a time")
    func junitReadsWrongAnswersInBatches() async throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (info, _, answer) = try await Self.run(store, answered: Self.count)
        let analysis = try await RunLoader(store: store, defaults: AlertPolicy()).analysis(info)
        #expect(analysis.groups.first?.results.allSatisfy { $0.evaluation.response == nil } == true)

        let xml = JUnitReport.render(analysis)

        // Every FP case (3 of 4: 1,875) alerted on `verdict=TP`: one failure each, over several batches, each with the answer.
        let failures = xml.components(separatedBy: "<failure ").count - 1
        #expect(failures == 1_875)
        #expect(failures > 3 * JUnitReport.batchSize)
        #expect(xml.components(separatedBy: "</failure>").filter { $0.hasSuffix(answer) }.count == 1_875)
        #expect(analysis.details?.failure == nil)
    }

    static func store() throws -> (Store, URL) {
        let directory = Scratch.url("run-loader")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (try Store(path: directory.appendingPathComponent("store.sqlite").path), directory)
    }

    /// A run planning ``count`` cases, the first `answered` of them answered `verdict=TP confidence=0.9 summary=x`.
    static func run(_ store: Store, answered: Int) async throws -> (RunInfo, RunInfo.Plan, String) {
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
        let evaluator = try AnswerEvaluator(prompt: prompt)
        let answer = "verdict=TP confidence=0.9 summary=x"
        try await store.saveResults(stored.prefix(answered).map { item in
            (ResultKey(runID: runID, promptRowID: promptRow, modelRowID: modelRow, caseRevisionID: item.revisionID, sample: 0),
             evaluator.evaluate(answer))
        })
        return (try #require(try await store.run(runID)), plan, answer)
    }
}
