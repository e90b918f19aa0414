public import TriageEval
internal import Foundation
internal import GRDB

extension Store {
    /// Writes a batch of results, and the cache entries of their answers, in one transaction.
    /// A key already stored is replaced (so `--resume` overwrites an errored result with its
    /// answer, never duplicating it). Callers never cache errors or empty answers.
    public func saveResults(_ results: [(ResultKey, Evaluation)], cache: [(key: String, response: CachedResponse)] = []) async throws {
        let now = Date()
        let rows = try results.map { try Self.upsertArguments($0, completedAt: now) }
        try await write { db in
            let upsert = try db.cachedStatement(sql: Self.upsertResultSQL)
            for row in rows { try upsert.execute(arguments: row) }
            try Self.writeCache(cache, at: now, db: db)
        }
    }

    /// The keys of a run's results that hold an answer (not an error).
    public func answeredKeys(run id: Int64) async throws -> Set<ResultKey> {
        try await read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT prompt_version_id, model_id, case_revision_id, sample, row_key, row_label, row_scenario FROM result WHERE run_id = ? AND outcome = 'answered'",
                arguments: [id]
            )
            return Set(rows.map { ResultKey(runID: id, promptRowID: $0[0], modelRowID: $0[1], caseRevisionID: $0[2], sample: $0[3], row: $0[4],
                                         label: ($0[5] as String?).flatMap(Label.init(rawValue:)), scenario: $0[6]) })
        }
    }

    /// Every result of a run, joined with prompt, model and case names, in a stable order.
    ///
    /// Columns are read by position (not by name through `Codable`): reports read thousands of rows.
    public func results(run id: Int64) async throws -> [StoredResult] {
        try await read { db in
            var results: [StoredResult] = []
            try Self.forEachResult(run: id, db: db) { results.append($0) }
            return results
        }
    }

    /// The number of a run's results per prompt (`id@version`) and model id, keyed `prompt` U+001F `model`.
    public func resultCounts(run id: Int64) async throws -> [String: Int] {
        try await read { db in
            let sql = """
                SELECT p.prompt_id || '@' || p.version || char(31) || m.model_id, COUNT(*) FROM result r
                JOIN prompt_version p ON p.id = r.prompt_version_id JOIN model m ON m.id = r.model_id
                WHERE r.run_id = ? GROUP BY r.prompt_version_id, r.model_id
                """
            return Dictionary(try Row.fetchAll(db, sql: sql, arguments: [id]).map { ($0[0] as String, $0[1] as Int) }) { $0 + $1 }
        }
    }

    /// Folds every result of a run, in the order of ``results(run:)``, into `initial` one at a time from a cursor: a
    /// caller that files results away (by group, say) never also holds one array of them all.
    /// - Parameter lean: leave out what only a listed result shows: the raw answer (`response` is nil) and the
    ///   parses' summaries (read back with ``evaluationNow(_:)``). The parses' other fields are read by SQLite.
    public func reduceResults<T: Sendable>(
        run id: Int64, lean: Bool = false, into initial: T, _ update: @escaping @Sendable (inout T, StoredResult) throws -> Void
    ) async throws -> T {
        try await read { db in
            var value = initial
            try Self.forEachResult(run: id, lean: lean, db: db) { try update(&value, $0) }
            return value
        }
    }

    /// Every result of a run in the order of ``results(run:)``, one at a time from a cursor (memory stays flat
    /// however many there are); `body` runs inside one read of a snapshot, so it must not use the store.
    public func forEachResult(run id: Int64, _ body: @escaping @Sendable (StoredResult) throws -> Void) async throws {
        try await read { db in try Self.forEachResult(run: id, db: db, body) }
    }

    /// The parse columns of a lean read, for `strict` then `lenient` (``parsed(_:at:)``).
    private static func parseColumns(_ column: String) -> String {
        ["status", "rawVerdict", "verdict", "rawConfidence", "confidence", "flags", "confidenceLevel", "fields"]
            .map { "json_extract(r.\(column), '$.\($0)')" }.joined(separator: ", ")
    }

    /// A parse read back from ``parseColumns(_:)`` starting at column `index`, without its summary.
    private static func parsed(_ row: Row, at index: Int, decoder: JSONDecoder) throws -> ParsedAnswer? {
        guard let statusText: String = row[index] else { return nil }
        guard let status = ParseStatus(rawValue: statusText) else { throw StoreError("a stored parse has an unknown status \"\(statusText)\"") }
        let flags: String? = row[index + 5], fields: String? = row[index + 7]
        return ParsedAnswer(
            status: status, rawVerdict: row[index + 1], verdict: row[index + 2], rawConfidence: row[index + 3], confidence: row[index + 4],
            flags: try flags.map { $0 == "[]" ? [] : try decoder.decode([ParseFlag].self, from: Data($0.utf8)) } ?? [],
            confidenceLevel: row[index + 6], fields: try fields.map { try decoder.decode([String: String].self, from: Data($0.utf8)) }
        )
    }

    /// Up to `limit` results of a run after the result row `after` (0: from the first), in row order, and the last
    /// row id read (nil when there were none): a caller that sends results on (`results push`) pages through a big
    /// run holding one page at a time.
    public func resultPage(run id: Int64, after: Int64, limit: Int) async throws -> (results: [StoredResult], last: Int64?) {
        try await read { db in
            var results: [StoredResult] = []
            var last: Int64?
            try Self.forEachResult(run: id, page: (after, limit), db: db) { result, row in
                results.append(result)
                last = row
            }
            return (results, last)
        }
    }

    static func forEachResult(run id: Int64, lean: Bool = false, db: Database, _ body: (StoredResult) throws -> Void) throws {
        try forEachResult(run: id, lean: lean, page: nil, db: db) { result, _ in try body(result) }
    }

    /// `page`: only the `limit` results after row id `after`, in row order (else every result, in report order);
    /// `body` also gets each result's row id.
    static func forEachResult(
        run id: Int64, lean: Bool = false, page: (after: Int64, limit: Int)?, db: Database, _ body: (StoredResult, Int64) throws -> Void
    ) throws {
        let answer = lean ? "NULL, r.error, NULL, NULL," : "r.response, r.error, r.strict, r.lenient,"
        // A lean read also selects each parse less its summary, as the key that shares one box per distinct pair.
        let parses = lean ? ", \(parseColumns("strict")), \(parseColumns("lenient")), json_remove(r.strict, '$.summary'), json_remove(r.lenient, '$.summary')" : ""
        let sql = """
            SELECT r.prompt_version_id, r.model_id, r.case_revision_id, r.sample, \(answer)
                   r.alert, r.lenient_alert, r.input_tokens, r.output_tokens, r.latency_ms, r.cached,
                   p.prompt_id || '@' || p.version AS prompt_key, p.sha256, m.model_id, c.case_id, c.revision,
                   COALESCE(r.row_label, c.label), COALESCE(r.row_scenario, c.scenario), c.id, r.row_key, r.row_label, r.row_scenario,
                   c.variant_of, c.transform\(parses), r.id
            FROM result r
            JOIN prompt_version p ON p.id = r.prompt_version_id
            JOIN model m ON m.id = r.model_id
            JOIN case_revision c ON c.id = r.case_revision_id
            WHERE r.run_id = ?\(page == nil ? "" : " AND r.id > ?")
            ORDER BY \(page == nil ? "prompt_key, m.model_id, c.case_id, r.row_key, r.sample" : "r.id LIMIT ?")
            """
        let arguments: StatementArguments = page.map { [id, $0.after, $0.limit] } ?? [id]
        // Tags come from each case revision's body; SQLite extracts them (decoding whole cases cost more than the rest
        // of this read). Lists repeat across cases: one copy of each distinct list.
        let decoder = JSONDecoder()
        var tagsByRevision: [Int64: [String]] = [:]
        var tagLists: [String: [String]] = [:]
        let tags = """
            SELECT c.id, json_extract(c.body, '$.tags') FROM case_revision c
            WHERE c.id IN (SELECT DISTINCT case_revision_id FROM \(page == nil ? "result WHERE run_id = ?" : "(SELECT case_revision_id FROM result WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?)"))
            """
        let tagRows = try Row.fetchCursor(db, sql: tags, arguments: arguments)
        while let row = try tagRows.next() {
            guard let text: String = row[1], text != "[]" else { continue }
            if let known = tagLists[text] {
                tagsByRevision[row[0]] = known
            } else {
                let list = try decoder.decode([String].self, from: Data(text.utf8))
                tagLists[text] = list
                tagsByRevision[row[0]] = list
            }
        }
        func parsed(_ text: String?) throws -> ParsedAnswer? {
            try text.map { try decoder.decode(ParsedAnswer.self, from: Data($0.utf8)) }
        }
        // Prompt, model and scenario names repeat on every row: share one copy of each (a big run holds every result).
        var names: [String: String] = [:]
        func shared(_ text: String) -> String {
            if let known = names[text] { return known }
            names[text] = text
            return text
        }
        // A case's id repeats on each of its samples and each prompt × model: one copy per case revision.
        var caseIDs: [Int64: String] = [:]
        func caseIDOf(_ revisionID: Int64, _ row: Row) -> String {
            if let known = caseIDs[revisionID] { return known }
            let caseID: String = row[17]
            caseIDs[revisionID] = caseID
            return caseID
        }
        // Lean parses repeat (the same verdict and confidence on many cases): one shared box per distinct pair.
        var boxes: [String: Evaluation.Parses] = [:]
        func leanParses(_ row: Row) throws -> Evaluation.Parses {
            let strictKey: String? = row[43], lenientKey: String? = row[44]
            guard strictKey != nil || lenientKey != nil else { return .none }
            let key = "\(strictKey ?? "")\u{1F}\(lenientKey ?? "")"
            if let known = boxes[key] { return known }
            let box = Evaluation.Parses(strict: try Self.parsed(row, at: 27, decoder: decoder), lenient: try Self.parsed(row, at: 35, decoder: decoder))
            boxes[key] = box
            return box
        }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let evaluation = Evaluation(
                response: row[4], error: row[5],
                parses: lean ? try leanParses(row) : Evaluation.Parses(strict: try parsed(row[6]), lenient: try parsed(row[7])), alert: row[8],
                lenientAlert: row[9], inputTokens: row[10], outputTokens: row[11], latencyMs: row[12], cached: row[13]
            )
            let revisionID: Int64 = row[21]
            let rowKey: String = row[22]
            let caseID = rowKey.isEmpty ? caseIDOf(revisionID, row) : shared("\(row[17] as String)[\(rowKey)]")
            try body(StoredResult(
                key: ResultKey(runID: id, promptRowID: row[0], modelRowID: row[1], caseRevisionID: row[2], sample: row[3], row: row[22],
                               label: (row[23] as String?).flatMap(Label.init(rawValue:)), scenario: row[24]),
                prompt: shared(row[14]), promptSHA256: shared(row[15]), model: shared(row[16]), caseID: caseID, caseRevision: row[18],
                label: Label(rawValue: row[19]) ?? .fp, scenario: shared(row[20]), tags: tagsByRevision[revisionID] ?? [], evaluation: evaluation,
                variantOf: row[25], transform: row[26]
            ), row[row.count - 1])
        }
    }

    /// One result's whole evaluation (raw answer and parse summaries), read now, blocking: what a report shows of a
    /// result it lists after reading the run lean (``reduceResults(run:lean:into:_:)``). Nil when the store has no such result.
    public func evaluationNow(_ key: ResultKey) throws -> Evaluation? {
        try readNow { db in
            let sql = """
                SELECT response, error, strict, lenient, alert, lenient_alert, input_tokens, output_tokens, latency_ms, cached FROM result
                WHERE run_id = ? AND prompt_version_id = ? AND model_id = ? AND case_revision_id = ? AND sample = ? AND row_key = ?
                """
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [key.runID, key.promptRowID, key.modelRowID, key.caseRevisionID, key.sample, key.row]) else {
                return nil
            }
            let decoder = JSONDecoder()
            func parsed(_ text: String?) throws -> ParsedAnswer? {
                try text.map { try decoder.decode(ParsedAnswer.self, from: Data($0.utf8)) }
            }
            return Evaluation(
                response: row[0], error: row[1], strict: try parsed(row[2]), lenient: try parsed(row[3]), alert: row[4], lenientAlert: row[5],
                inputTokens: row[6], outputTokens: row[7], latencyMs: row[8], cached: row[9]
            )
        }
    }

    /// Each key's raw answer alone (nil: none, or no such result), in order, in one read: what JUnit shows of every
    /// wrong result, without decoding its parses.
    public func responsesNow(_ keys: [ResultKey]) throws -> [String?] {
        guard !keys.isEmpty else { return [] }
        return try readNow { db in
            let statement = try db.cachedStatement(sql: """
                SELECT response FROM result
                WHERE run_id = ? AND prompt_version_id = ? AND model_id = ? AND case_revision_id = ? AND sample = ? AND row_key = ?
                """)
            return try keys.map { key in
                try String?.fetchOne(statement, arguments: [key.runID, key.promptRowID, key.modelRowID, key.caseRevisionID, key.sample, key.row]) ?? nil
            }
        }
    }

    /// One prepared statement for every result of a batch (GRDB's record `upsert` re-encoded each record
    /// through `Codable` and read it back: the largest cost of writing thousands of cached results).
    static let upsertResultSQL = """
        INSERT INTO result (run_id, prompt_version_id, model_id, case_revision_id, sample, row_key, row_label, row_scenario, outcome, response, error, parse_status,
                            strict, lenient, alert, lenient_alert, input_tokens, output_tokens, latency_ms, cached, completed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id, prompt_version_id, model_id, case_revision_id, sample, row_key) DO UPDATE SET
            row_label = excluded.row_label, row_scenario = excluded.row_scenario, outcome = excluded.outcome, response = excluded.response, error = excluded.error, parse_status = excluded.parse_status,
            strict = excluded.strict, lenient = excluded.lenient, alert = excluded.alert, lenient_alert = excluded.lenient_alert,
            input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens, latency_ms = excluded.latency_ms,
            cached = excluded.cached, completed_at = excluded.completed_at
        """

    /// The values of ``upsertResultSQL`` for one result, in its column order.
    static func upsertArguments(_ pair: (ResultKey, Evaluation), completedAt: Date) throws -> StatementArguments {
        let (key, evaluation) = pair
        return [
            key.runID, key.promptRowID, key.modelRowID, key.caseRevisionID, key.sample, key.row, key.label?.rawValue, key.scenario, evaluation.isError ? "error" : "answered",
            evaluation.response, evaluation.error, evaluation.strict?.status.rawValue, try evaluation.strict.map(json),
            try evaluation.lenient.map(json), evaluation.alert, evaluation.lenientAlert, evaluation.inputTokens, evaluation.outputTokens,
            evaluation.latencyMs, evaluation.cached, completedAt,
        ]
    }
}
