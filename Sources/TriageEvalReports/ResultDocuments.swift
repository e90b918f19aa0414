internal import TriageEval
public import TriageEvalStore
internal import Foundation

/// A run's results as Elasticsearch `_bulk` NDJSON, one document per result, for a Kibana dashboard that
/// charts runs over time.
///
/// Field names follow ECS where one fits (`@timestamp`, `event.*`, `labels`) and `triage_eval.*` otherwise.
/// Documents carry no secrets and no prompt text; the model's raw answer (which can echo alert fields) only
/// with `includeResponses`. Document ids are stable (``documentID(_:run:)``), so pushing a
/// run again overwrites instead of duplicating.
public enum ResultDocuments {
    public static func bulkBody(run: RunInfo, results: [StoredResult], index: String, includeResponses: Bool = false) throws -> String {
        let timestamp = ISO8601DateFormatter().string(from: run.startedAt)
        var lines: [String] = []
        for result in results {
            lines.append(try json(["index": ["_index": index, "_id": documentID(result, run: run)]]))
            lines.append(try json(document(result, run: run, timestamp: timestamp, includeResponse: includeResponses)))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `run-prompt-model-case revision-sample`, and for a row of a rule's execution `-row key` (so every row of a
    /// case is its own document; a long key is replaced by its SHA-256, as `_id` allows 512 bytes).
    static func documentID(_ result: StoredResult, run: RunInfo) -> String {
        let key = result.key
        let id = "\(run.id)-\(key.promptRowID)-\(key.modelRowID)-\(key.caseRevisionID)-\(key.sample)"
        guard !key.row.isEmpty else { return id }
        return id + "-" + (key.row.utf8.count <= 128 ? key.row : SHA256Hex.of(key.row))
    }

    static func document(_ result: StoredResult, run: RunInfo, timestamp: String, includeResponse: Bool) -> [String: Any] {
        let evaluation = result.evaluation
        let answered = evaluation.error == nil
        var outcome: [String: Any] = [
            "answered": answered, "alert": evaluation.alert, "lenient_alert": evaluation.lenientAlert,
            "correct": answered && evaluation.alert == (result.label == .tp), "cached": evaluation.cached,
        ]
        if let strict = evaluation.strict {
            outcome["parse_status"] = strict.status.rawValue
            if let verdict = strict.verdict { outcome["verdict"] = verdict }
            if let confidence = strict.confidence { outcome["confidence"] = confidence }
        }
        if let latency = evaluation.latencyMs { outcome["latency_ms"] = latency }
        if let tokens = evaluation.inputTokens { outcome["input_tokens"] = tokens }
        if let tokens = evaluation.outputTokens { outcome["output_tokens"] = tokens }
        if let error = evaluation.error { outcome["error"] = error }
        if includeResponse, let response = evaluation.response { outcome["response"] = response }
        var runFields: [String: Any] = ["id": run.id, "status": run.status.rawValue, "tool_version": run.toolVersion]
        if let commit = run.gitCommit { runFields["git_commit"] = commit }
        return [
            "@timestamp": timestamp,
            "event": ["kind": "event", "category": ["intrusion_detection"], "dataset": "triage_eval.result", "outcome": answered ? "success" : "failure"],
            "labels": ["scenario": result.scenario],
            "triage_eval": [
                "run": runFields,
                "prompt": ["key": result.prompt, "sha256": result.promptSHA256],
                "model": ["id": result.model],
                "case": ["id": result.caseID, "revision": result.caseRevision, "label": result.label.rawValue, "scenario": result.scenario, "tags": result.tags],
                "sample": result.key.sample,
                "result": outcome,
            ] as [String: Any],
        ]
    }

    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }
}
