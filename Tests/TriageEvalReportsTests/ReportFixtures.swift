import Foundation
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

/// Strings an attacker can put in a command line, and so in a model's answer.
let hostileStrings = ["<script>alert(1)</script>", "</td>", "| x |", "`rm -rf /`", "@team", "see #12", "http://45.9.148.21/p.exe", "WWW.evil.example", "line one\nline two\r\nline three"]
let hostileText = hostileStrings.joined(separator: " ")

let reportPromptText = """
    ---
    id: host-triage
    version: v1
    entity: host
    output:
      format: dissect
      pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
      verdicts: [TP, FP, SUSPICIOUS]
    decision:
      alert_verdicts: [TP, SUSPICIOUS]
      min_confidence: 0.7
    ---
    Host {{host_name}} ran: {{cmdlines_str}}.
    """

func reportEvaluator() throws -> AnswerEvaluator {
    try AnswerEvaluator(prompt: try PromptFileParser.parse(reportPromptText, file: "prompts/host-triage/v1.prompt", defaults: AlertPolicy()))
}

func runInfo(id: Int64 = 7, planned: Int, status: RunInfo.Status = .complete, errors: Int = 0) -> RunInfo {
    RunInfo(
        id: id, startedAt: Date(timeIntervalSince1970: 1_750_000_000), finishedAt: Date(timeIntervalSince1970: 1_750_000_100), status: status,
        toolVersion: "0.1.0", gitCommit: "0123456789abcdef", samples: 1, selection: RunInfo.Selection(),
        plan: RunInfo.Plan(promptRows: [1], modelRows: [1], caseRevisions: [1, 2, 3, 4], samples: 1), planned: planned,
        calls: planned, cacheHits: 0, errors: errors, inputTokens: 0, outputTokens: 0, costUSD: 0
    )
}

/// A stored result as the store would return it.
func storedResult(
    _ caseID: String, label: Label, scenario: String, evaluation: Evaluation, sample: Int = 0, revisionID: Int64 = 1,
    prompt: String = "host-triage@v1", model: String = "simulated", tags: [String] = []
) -> StoredResult {
    StoredResult(
        key: ResultKey(runID: 7, promptRowID: 1, modelRowID: 1, caseRevisionID: revisionID, sample: sample), prompt: prompt,
        promptSHA256: String(repeating: "a", count: 64), model: model, caseID: caseID, caseRevision: 1, label: label,
        scenario: scenario, tags: tags, evaluation: evaluation
    )
}
