internal import TriageEval
internal import Foundation
internal import GRDB

/// What `merge` did.
public struct MergeOutcome: Sendable, Hashable {
    /// The merged run in the output store.
    public var run: RunInfo
    /// Whether the merged run was created now (false: an earlier merge of the same shards already made it).
    public var created: Bool
    /// Results written now (new, or an errored result replaced by an answer).
    public var written: Int
    /// Results already in the output store with the same answer.
    public var unchanged: Int
}

extension Store {
    /// Merges the latest run of each shard store (`run --shard K/N`, one per path) into one run of the store at `output`.
    ///
    /// The shards must share their run configuration (tool version, git commit, prompts and their decisions, models,
    /// samples, selection) and the case set they were cut from, and together be every shard 1…N once; anything else
    /// is an ``InputError`` (exit 2). Merging is idempotent: the same shards merged again find their merged run and
    /// write nothing. A result already merged with a different answer is a conflict (an errored one is replaced by
    /// an answer, as `--resume` would). Nothing is half-written: an existing output store changes in one
    /// transaction; a new one is written to a temporary file renamed into place.
    public static func merge(_ paths: [String], into output: String) throws -> MergeOutcome {
        let outputKey = URL(fileURLWithPath: output).standardizedFileURL.path
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else { throw InputError(file: path, message: "no such store") }
            if URL(fileURLWithPath: path).standardizedFileURL.path == outputKey {
                throw InputError(file: path, message: "is the output store; merge into a different file")
            }
        }
        let sources = try paths.map { try MergeSource(path: $0) }
        try MergeSource.check(sources)
        guard !FileManager.default.fileExists(atPath: output) else {
            let store = try Store(path: output)
            defer { try? store.pool.close() }
            return try store.merge(sources)
        }
        // A new store: written aside, renamed into place only when complete.
        let temporary = "\(output).merging-\(ProcessInfo.processInfo.processIdentifier)"
        let sidecars = ["-wal", "-shm"]
        func removeTemporary() {
            for suffix in [""] + sidecars { try? FileManager.default.removeItem(atPath: temporary + suffix) }
        }
        removeTemporary()
        do {
            let store = try Store(path: temporary)
            let outcome: MergeOutcome
            do {
                outcome = try store.merge(sources)
                try store.pool.close()
            } catch {
                try? store.pool.close()
                throw error
            }
            // The main file last: the output exists only once everything it needs is in place.
            do {
                for suffix in sidecars where FileManager.default.fileExists(atPath: temporary + suffix) {
                    try? FileManager.default.removeItem(atPath: output + suffix)
                    try FileManager.default.moveItem(atPath: temporary + suffix, toPath: output + suffix)
                }
                try FileManager.default.moveItem(atPath: temporary, toPath: output)
            } catch {
                throw StoreError("cannot move the merged store into \(output): \(error.localizedDescription)")
            }
            return outcome
        } catch {
            removeTemporary()
            throw error
        }
    }

    /// Merges checked sources in one transaction.
    private func merge(_ sources: [MergeSource]) throws -> MergeOutcome {
        let first = sources[0]
        do {
            return try pool.write { db in
                var promptRows: [Int64: Int64] = [:], modelRows: [Int64: Int64] = [:], caseRows: [Int64: Int64] = [:]
                var mergedCases: [(id: String, row: Int64)] = []
                for source in sources {
                    for prompt in source.prompts { promptRows[source.promptKey(prompt.id ?? 0)] = try Self.mergePrompt(prompt, db: db) }
                    for model in source.models { modelRows[source.modelKey(model.id ?? 0)] = try Self.mergeModel(model, db: db) }
                }
                for source in sources {
                    for item in source.cases {
                        let row = try Self.mergeCase(item, db: db)
                        caseRows[source.caseKey(item.id ?? 0)] = row
                        mergedCases.append((item.caseId, row))
                    }
                }
                let plan = first.run.plan
                let mappedPrompts = plan.promptRows.map { promptRows[first.promptKey($0)] ?? 0 }
                let merged = RunInfo.Plan(
                    promptRows: mappedPrompts,
                    modelRows: plan.modelRows.map { modelRows[first.modelKey($0)] ?? 0 },
                    caseRevisions: mergedCases.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }.map(\.row),
                    samples: plan.samples, decisionDefaults: plan.decisionDefaults,
                    decisions: plan.decisions.map { decisions in
                        Dictionary(decisions.compactMap { key, policy in
                            Int64(key).flatMap { promptRows[first.promptKey($0)] }.map { (String($0), policy) }
                        }, uniquingKeysWith: { first, _ in first })
                    },
                    mergedShards: sources.count
                )
                let planJSON = try Self.json(merged)
                let planned = sources.reduce(0) { $0 + $1.run.planned }
                var record: RunRecord
                let created: Bool
                if let existing = try RunRecord.filter(Column("plan") == planJSON && Column("tool_version") == first.run.toolVersion).fetchOne(db),
                    existing.gitCommit == first.run.gitCommit, existing.planned == planned
                {
                    record = existing
                    created = false
                } else {
                    record = RunRecord(
                        id: nil, startedAt: sources.map(\.run.startedAt).min() ?? Date(), finishedAt: nil,
                        status: RunInfo.Status.incomplete.rawValue, toolVersion: first.run.toolVersion, gitCommit: first.run.gitCommit,
                        samples: plan.samples, selection: try Self.json(first.run.selection), plan: planJSON, planned: planned,
                        calls: 0, cacheHits: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0
                    )
                    try record.insert(db)
                    created = true
                }
                let runID = record.id ?? 0
                var written = 0, unchanged = 0
                for source in sources {
                    let counts = try source.copyResults(into: db, run: runID, prompts: promptRows, models: modelRows, cases: caseRows)
                    written += counts.written
                    unchanged += counts.unchanged
                }
                let answered = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM result WHERE run_id = ? AND outcome = 'answered'", arguments: [runID]) ?? 0
                let usage = try Self.usage(run: runID, db: db)
                let finished = sources.contains { $0.run.finishedAt == nil } ? nil : sources.compactMap(\.run.finishedAt).max()
                try record.updateChanges(db) {
                    $0.status = (answered == planned ? RunInfo.Status.complete : .incomplete).rawValue
                    $0.finishedAt = finished
                    $0.calls = usage.calls
                    $0.cacheHits = usage.cacheHits
                    $0.errors = usage.errors
                    $0.inputTokens = usage.inputTokens
                    $0.outputTokens = usage.outputTokens
                    $0.costUsd = usage.costUSD
                }
                return MergeOutcome(run: try Self.runInfo(record, db: db), created: created, written: written, unchanged: unchanged)
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw Self.failure(error, path: path, doing: "write")
        }
    }

    /// The row of this prompt version in this store, added when missing.
    private static func mergePrompt(_ prompt: PromptVersionRecord, db: Database) throws -> Int64 {
        let filter = Column("prompt_id") == prompt.promptId && Column("version") == prompt.version && Column("sha256") == prompt.sha256
        if let id = try PromptVersionRecord.filter(filter).fetchOne(db)?.id { return id }
        var copy = prompt
        copy.id = nil
        copy.removedAt = nil
        try copy.insert(db)
        return copy.id ?? 0
    }

    /// The row of this model configuration in this store, added when missing.
    private static func mergeModel(_ model: ModelRecord, db: Database) throws -> Int64 {
        if let id = try ModelRecord.filter(Column("model_id") == model.modelId && Column("config_hash") == model.configHash).fetchOne(db)?.id { return id }
        var copy = model
        copy.id = nil
        try copy.insert(db)
        return copy.id ?? 0
    }

    /// The row of this case content in this store, added when missing (with its revision number when that is free).
    private static func mergeCase(_ item: CaseRevisionRecord, db: Database) throws -> Int64 {
        let same = CaseRevisionRecord.filter(Column("case_id") == item.caseId && Column("content_hash") == item.contentHash)
        if let id = try same.order(Column("revision").desc).fetchOne(db)?.id { return id }
        let latest = try Int.fetchOne(db, sql: "SELECT MAX(revision) FROM case_revision WHERE case_id = ?", arguments: [item.caseId])
        let taken = try Bool.fetchOne(db, sql: "SELECT 1 FROM case_revision WHERE case_id = ? AND revision = ?", arguments: [item.caseId, item.revision]) ?? false
        var copy = item
        copy.id = nil
        if taken { copy.revision = (latest ?? 0) + 1 }
        try copy.insert(db)
        return copy.id ?? 0
    }
}

/// One shard store's latest run and the rows its plan refers to.
struct MergeSource {
    let path: String
    let store: Store
    let run: RunInfo
    let shard: RunInfo.Shard
    let prompts: [PromptVersionRecord]
    let models: [ModelRecord]
    let cases: [CaseRevisionRecord]
    /// A number that tells this source's row ids apart from another source's in the shared maps.
    private let tag: Int64

    init(path: String) throws {
        self.path = path
        store = try Store(path: path)
        let read = try store.pool.read { db -> (RunInfo, [PromptVersionRecord], [ModelRecord], [CaseRevisionRecord])? in
            guard let record = try RunRecord.order(Column("id").desc).fetchOne(db) else { return nil }
            let run = try Store.runInfo(record, db: db)
            let prompts = try PromptVersionRecord.filter(keys: run.plan.promptRows).fetchAll(db)
            let models = try ModelRecord.filter(keys: run.plan.modelRows).fetchAll(db)
            let cases = try CaseRevisionRecord.filter(keys: run.plan.caseRevisions).fetchAll(db)
            return (run, prompts, models, cases)
        }
        guard let (run, prompts, models, cases) = read else { throw InputError(file: path, message: "holds no run to merge") }
        guard let shard = run.plan.shard else {
            throw InputError(file: path, message: "run \(run.id) is not a sharded run; merge takes the stores of `run --shard K/N` jobs")
        }
        guard run.status != .running else {
            throw InputError(file: path, message: "run \(run.id) is still being executed; merge it when it has finished")
        }
        let byPrompt = Dictionary(prompts.map { ($0.id ?? 0, $0) }) { first, _ in first }
        let byModel = Dictionary(models.map { ($0.id ?? 0, $0) }) { first, _ in first }
        let byCase = Dictionary(cases.map { ($0.id ?? 0, $0) }) { first, _ in first }
        guard run.plan.promptRows.allSatisfy({ byPrompt[$0] != nil }), run.plan.modelRows.allSatisfy({ byModel[$0] != nil }),
            run.plan.caseRevisions.allSatisfy({ byCase[$0] != nil })
        else { throw StoreError("the store \(path): run \(run.id) refers to a missing prompt version, model or case revision") }
        self.run = run
        self.shard = shard
        self.prompts = run.plan.promptRows.compactMap { byPrompt[$0] }
        self.models = run.plan.modelRows.compactMap { byModel[$0] }
        self.cases = run.plan.caseRevisions.compactMap { byCase[$0] }
        tag = Int64(shard.slice.index) << 40
    }

    func promptKey(_ row: Int64) -> Int64 { tag | row }
    func modelKey(_ row: Int64) -> Int64 { tag | row }
    func caseKey(_ row: Int64) -> Int64 { tag | row }

    /// What must be equal for runs to be shards of one run: every difference is named.
    private var configuration: [(String, String)] {
        let decisions = run.plan.promptRows.map { row in
            (run.plan.decision(promptRow: row)).map { (try? Store.json($0)) ?? "" } ?? "-"
        }
        return [
            ("tool version", run.toolVersion),
            ("git commit", run.gitCommit ?? "none"),
            ("prompts", prompts.map { "\($0.promptId)@\($0.version) (sha256 \($0.sha256.prefix(12)))" }.joined(separator: ", ")),
            ("prompt decisions", decisions.joined(separator: ", ")),
            ("decision defaults", run.plan.decisionDefaults.map { (try? Store.json($0)) ?? "" } ?? "none"),
            ("models", models.map { "\($0.modelId) (config \($0.configHash.prefix(12)))" }.joined(separator: ", ")),
            ("samples", String(run.plan.samples)),
            ("selection", (try? Store.json(run.selection)) ?? ""),
            ("shard count", String(shard.slice.count)),
            ("case set", "\(shard.cases) cases, sha256 \(shard.caseSet.prefix(12))"),
        ]
    }

    /// Refuses sources that are not the shards 1…N of one planned run, naming the first difference.
    static func check(_ sources: [MergeSource]) throws {
        guard let first = sources.first else { throw InputError(file: "command line", message: "merge needs at least one shard store") }
        let reference = first.configuration
        for source in sources.dropFirst() {
            for ((name, expected), (_, actual)) in zip(reference, source.configuration) where expected != actual {
                throw InputError(
                    file: source.path,
                    message: "run \(source.run.id) is not a shard of the same run as run \(first.run.id) of \(first.path): its \(name) differ (\(actual) vs \(expected))"
                )
            }
        }
        var byIndex: [Int: MergeSource] = [:]
        for source in sources {
            if let other = byIndex[source.shard.slice.index] {
                throw InputError(file: source.path, message: "shard \(source.shard.slice) is also given as \(other.path); give each shard once")
            }
            byIndex[source.shard.slice.index] = source
        }
        let count = first.shard.slice.count
        let missing = (1...count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw InputError(file: "command line", message: "missing shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")): merge needs every shard of the run")
        }
        var union: [(id: String, contentHash: String)] = []
        for source in sources {
            if let stray = source.cases.first(where: { !source.shard.slice.contains(caseID: $0.caseId) }) {
                throw InputError(file: source.path, message: "run \(source.run.id) evaluated case \(stray.caseId), which belongs to shard \(ShardSlice.shard(of: stray.caseId, count: count))/\(count), not \(source.shard.slice)")
            }
            union += source.cases.map { ($0.caseId, $0.contentHash) }
        }
        guard union.count == first.shard.cases, RunInfo.Shard.caseSetHash(union) == first.shard.caseSet else {
            throw InputError(
                file: "command line",
                message: "the shards' \(union.count) cases do not make up the case set of \(first.shard.cases) they were planned from"
            )
        }
    }

    /// Copies this source's results into the merged run, streaming them; a result already there with another
    /// answer is a conflict (an errored one is replaced).
    func copyResults(into db: Database, run: Int64, prompts: [Int64: Int64], models: [Int64: Int64], cases: [Int64: Int64]) throws -> (written: Int, unchanged: Int) {
        let columns = "outcome, response, error, parse_status, strict, lenient, alert, lenient_alert, input_tokens, output_tokens, latency_ms, cached, completed_at, row_label, row_scenario"
        let compared = 8 // outcome … lenient_alert: the answer and its reading
        let existing = try db.makeStatement(sql: """
            SELECT \(columns) FROM result
            WHERE run_id = ? AND prompt_version_id = ? AND model_id = ? AND case_revision_id = ? AND sample = ? AND row_key = ?
            """)
        let upsert = try db.makeStatement(sql: """
            INSERT INTO result (run_id, prompt_version_id, model_id, case_revision_id, sample, row_key, \(columns))
            VALUES (?, ?, ?, ?, ?, ?, \(Array(repeating: "?", count: 15).joined(separator: ", ")))
            ON CONFLICT (run_id, prompt_version_id, model_id, case_revision_id, sample, row_key) DO UPDATE SET
            \(columns.split(separator: ",").map { "\($0.trimmingCharacters(in: .whitespaces)) = excluded.\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", "))
            """)
        var written = 0, unchanged = 0
        let caseNames = Dictionary(self.cases.map { ($0.id ?? 0, $0.caseId) }) { first, _ in first }
        let promptNames = Dictionary(self.prompts.map { ($0.id ?? 0, "\($0.promptId)@\($0.version)") }) { first, _ in first }
        let modelNames = Dictionary(self.models.map { ($0.id ?? 0, $0.modelId) }) { first, _ in first }
        try store.pool.read { source in
            let rows = try Row.fetchCursor(
                source, sql: "SELECT prompt_version_id, model_id, case_revision_id, sample, row_key, \(columns) FROM result WHERE run_id = ? ORDER BY id",
                arguments: [self.run.id]
            )
            while let row = try rows.next() {
                guard let prompt = prompts[promptKey(row[0])], let model = models[modelKey(row[1])], let caseRow = cases[caseKey(row[2])] else {
                    throw InputError(file: path, message: "run \(self.run.id) holds a result outside its plan (prompt row \(row[0] as Int64), model row \(row[1] as Int64), case revision row \(row[2] as Int64))")
                }
                let key: [DatabaseValue] = [run.databaseValue, prompt.databaseValue, model.databaseValue, caseRow.databaseValue, row[3], row[4]]
                let values = (5..<(5 + 15)).map { row[$0] as DatabaseValue }
                if let stored = try Row.fetchOne(existing, arguments: StatementArguments(key)) {
                    let same = (0..<compared).allSatisfy { stored[$0] as DatabaseValue == values[$0] }
                        && stored[13] as DatabaseValue == values[13] && stored[14] as DatabaseValue == values[14]
                    if same {
                        unchanged += 1
                        continue
                    }
                    guard stored["outcome"] as String? == "error" else {
                        let item = "\(promptNames[row[0]] ?? "?") × \(modelNames[row[1]] ?? "?") × case \(caseNames[row[2]] ?? "?") sample \(row[3] as Int)"
                        throw InputError(
                            file: path,
                            message: "run \(self.run.id) conflicts with merged run \(run): \(item) has a different answer there; nothing was merged"
                        )
                    }
                }
                try upsert.execute(arguments: StatementArguments(key + values))
                written += 1
            }
        }
        return (written, unchanged)
    }
}
