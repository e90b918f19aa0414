public import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// Writes a batch of results, and the cache entries of their answers, in one transaction.
    /// A key already stored is replaced (so `--resume` overwrites an errored result with its
    /// answer, never duplicating it). Callers never cache errors or empty answers.
    public func saveResults(_ results: [(ResultKey, Evaluation)], cache: [(key: String, response: CachedResponse)] = []) async throws {
        let records = try results.map(Self.record)
        let now = Date()
        try await pool.write { db in
            for record in records { try record.upsert(db) }
            for entry in cache {
                try CacheRecord(
                    key: entry.key, response: entry.response.response, inputTokens: entry.response.inputTokens,
                    outputTokens: entry.response.outputTokens, createdAt: now
                ).upsert(db)
            }
        }
    }

    /// The keys of a run's results that hold an answer (not an error).
    public func answeredKeys(run id: Int64) async throws -> Set<ResultKey> {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT prompt_version_id, model_id, case_revision_id, sample FROM result WHERE run_id = ? AND outcome = 'answered'",
                arguments: [id]
            )
            return Set(rows.map { ResultKey(runID: id, promptRowID: $0[0], modelRowID: $0[1], caseRevisionID: $0[2], sample: $0[3]) })
        }
    }

    /// Every result of a run, joined with prompt, model and case names, in a stable order.
    public func results(run id: Int64) async throws -> [StoredResult] {
        try await pool.read { db in
            let sql = """
                SELECT r.*, p.prompt_id || '@' || p.version AS prompt_key, p.sha256 AS prompt_sha,
                       m.model_id AS model_name, c.case_id AS case_name, c.revision AS case_rev,
                       c.label AS case_label, c.scenario AS case_scenario, c.body AS case_body
                FROM result r
                JOIN prompt_version p ON p.id = r.prompt_version_id
                JOIN model m ON m.id = r.model_id
                JOIN case_revision c ON c.id = r.case_revision_id
                WHERE r.run_id = ?
                ORDER BY prompt_key, model_name, case_name, r.sample
                """
            var tagsByBody: [String: [String]] = [:]
            return try Row.fetchAll(db, sql: sql, arguments: [id]).map { row in
                let record = try ResultRecord(row: row)
                let body: String = row["case_body"]
                let tags: [String]
                if let cached = tagsByBody[body] {
                    tags = cached
                } else {
                    tags = try Self.decode(TriageCase.self, from: body).tags
                    tagsByBody[body] = tags
                }
                return StoredResult(
                    key: ResultKey(runID: id, promptRowID: record.promptVersionId, modelRowID: record.modelId, caseRevisionID: record.caseRevisionId, sample: record.sample),
                    prompt: row["prompt_key"], promptSHA256: row["prompt_sha"], model: row["model_name"], caseID: row["case_name"],
                    caseRevision: row["case_rev"], label: Label(rawValue: row["case_label"]) ?? .fp, scenario: row["case_scenario"],
                    tags: tags, evaluation: try Self.evaluation(record)
                )
            }
        }
    }

    static func record(_ pair: (ResultKey, Evaluation)) throws -> ResultRecord {
        let (key, evaluation) = pair
        return ResultRecord(
            runId: key.runID, promptVersionId: key.promptRowID, modelId: key.modelRowID, caseRevisionId: key.caseRevisionID,
            sample: key.sample, outcome: evaluation.isError ? "error" : "answered", response: evaluation.response, error: evaluation.error,
            parseStatus: evaluation.strict?.status.rawValue, strict: try evaluation.strict.map(json), lenient: try evaluation.lenient.map(json),
            alert: evaluation.alert, lenientAlert: evaluation.lenientAlert, inputTokens: evaluation.inputTokens,
            outputTokens: evaluation.outputTokens, latencyMs: evaluation.latencyMs, cached: evaluation.cached, completedAt: Date()
        )
    }

    static func evaluation(_ record: ResultRecord) throws -> Evaluation {
        Evaluation(
            response: record.response, error: record.error,
            strict: try record.strict.map { try decode(ParsedAnswer.self, from: $0) },
            lenient: try record.lenient.map { try decode(ParsedAnswer.self, from: $0) },
            alert: record.alert, lenientAlert: record.lenientAlert, inputTokens: record.inputTokens,
            outputTokens: record.outputTokens, latencyMs: record.latencyMs, cached: record.cached
        )
    }
}
