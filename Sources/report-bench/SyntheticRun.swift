import Foundation
import TriageEval
import TriageEvalStore

/// Fills a store with a synthetic run: `cases` host cases × two prompt versions × two models × `samples`,
/// with answers that mix right and wrong verdicts, spread confidences, format slips and hostile text.
enum SyntheticRun {
    static func promptText(version: String, threshold: Double) -> String {
        """
        ---
        id: bench-triage
        version: \(version)
        entity: host
        output:
          format: dissect
          pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
          verdicts: [TP, FP, SUSPICIOUS]
        decision:
          alert_verdicts: [TP, SUSPICIOUS]
          min_confidence: \(threshold)
        ---
        Triage host {{host_name}}: {{alert_count}} alerts, rules {{rules_str}}.
        Command lines: {{cmdlines_str}}
        Answer as: verdict=<TP|FP|SUSPICIOUS> confidence=<0..1> summary=<text>
        """
    }

    static func casesYAML(count: Int) -> String {
        var yaml = ""
        for index in 0 ..< count {
            let attack = index % 3 == 0
            yaml += """
                - id: bench-\(String(format: "%05d", index))
                  label: \(attack ? "TP" : "FP")
                  scenario: scenario-\(index % 12)
                  tags: [\(index % 50 == 0 ? (attack ? "must-alert" : "must-not-alert") : "bench")]
                  entity: {type: host, name: HOST-\(index), id: id-\(index)}
                  alert_count: \(1 + index % 9)
                  time_window_minutes: 5
                  max_risk_score: 73
                  rules: ["Rule \(index % 17)", "Suspicious Process \(index % 5)"]
                  command_lines: ['cmd.exe /c echo <script>alert(1)</script> </td> | x | run \(index)', 'powershell -enc SQBFAFgA\(index)']

                """
        }
        return yaml
    }

    /// An answer for a case: mostly right, sometimes wrong, sometimes badly formatted.
    static func answer(index: Int, attack: Bool, variant: Int, sample: Int) -> String {
        let roll = (index &* 2_654_435_761 &+ variant &* 97 &+ sample &* 31) % 100
        let confidence = Double((index &* 37 &+ variant &* 11 &+ sample) % 100) / 100
        let right = roll >= 12 + variant * 4
        let verdict = right == attack ? (roll % 7 == 0 ? "SUSPICIOUS" : "TP") : "FP"
        let body = "verdict=\(verdict) confidence=\(String(format: "%.2f", confidence)) summary=run \(index) cmd.exe <script>alert(1)</script> | x |"
        switch roll % 25 {
        case 0: return "Here is my analysis:\n" + body
        case 1: return body.replacingOccurrences(of: "0.", with: "0,")
        default: return body
        }
    }

    /// Creates the run and returns its id and the number of results written.
    static func fill(_ store: Store, cases count: Int, samples: Int) async throws -> (runID: Int64, results: Int) {
        let cases = try CaseFileParser.parse(casesYAML(count: count), file: "bench.yaml")
        _ = try await store.importCases(cases)
        let stored = try await store.currentCases()
        let prompts = try [("v1", 0.7), ("v2", 0.8)].map { try PromptFileParser.parse(promptText(version: $0.0, threshold: $0.1), file: "bench-\($0.0).prompt", defaults: AlertPolicy()) }
        let models = [ModelConfig(id: "model-a", provider: .heuristic), ModelConfig(id: "model-b", provider: .heuristic, price: .init(inputPerMTok: 0.15, outputPerMTok: 0.6))]
        var promptRows: [Int64] = []
        for prompt in prompts { promptRows.append(try await store.registerPrompt(prompt).rowID) }
        var modelRows: [Int64] = []
        for model in models { modelRows.append(try await store.registerModel(model)) }
        let plan = RunInfo.Plan(promptRows: promptRows, modelRows: modelRows, caseRevisions: stored.map(\.revisionID), samples: samples)
        let planned = prompts.count * models.count * stored.count * samples
        let runID = try await store.createRun(toolVersion: "bench", gitCommit: nil, selection: RunInfo.Selection(), plan: plan, planned: planned)
        var batch: [(ResultKey, Evaluation)] = []
        for (p, prompt) in prompts.enumerated() {
            let evaluator = try AnswerEvaluator(prompt: prompt)
            for (m, modelRow) in modelRows.enumerated() {
                for (index, item) in stored.enumerated() {
                    for sample in 0 ..< samples {
                        let key = ResultKey(runID: runID, promptRowID: promptRows[p], modelRowID: modelRow, caseRevisionID: item.revisionID, sample: sample)
                        var evaluation = evaluator.evaluate(answer(index: index, attack: item.item.label == .tp, variant: p * 2 + m, sample: sample))
                        evaluation.inputTokens = 400 + index % 50
                        evaluation.outputTokens = 30 + index % 7
                        evaluation.latencyMs = Double(200 + (index * 13 + m * 101) % 900)
                        batch.append((key, evaluation))
                    }
                }
            }
        }
        for chunk in stride(from: 0, to: batch.count, by: 1000) {
            try await store.saveResults(Array(batch[chunk ..< min(chunk + 1000, batch.count)]))
        }
        _ = try await store.finishRun(runID)
        return (runID, batch.count)
    }
}
