internal import TriageEval
public import TriageEvalStore

/// A group's results, held compactly and read back as ``StoredResult``s.
///
/// A big run's reports hold every result of a group. A result read lean (``Store/reduceResults(run:lean:into:_:)``)
/// that is a plain answer (no provider error, no rule row or row label, not a variant, its prompt and model those of
/// the group's first such result) keeps only what differs from result to result: about 90 bytes instead of a
/// ``StoredResult``'s 312. Any other result is kept whole. Reading an element rebuilds the same ``StoredResult`` that was
/// added (strings, tag lists and parses are shared, not copied).
public struct ResultColumns: RandomAccessCollection, Sendable {
    /// What the compact results share.
    private struct Common: Sendable, Hashable {
        var runID: Int64
        var promptRowID: Int64
        var modelRowID: Int64
        var prompt: String
        var promptSHA256: String
        var model: String
    }

    /// One result: compact, or (`whole` ≥ 0) the position of the whole result in `whole`.
    private struct Row: Sendable {
        var caseRevisionID: Int64
        var latencyMs: Double
        var parses: Evaluation.Parses
        var caseID: String
        var scenario: String
        var tags: [String]
        var inputTokens: Int32
        var outputTokens: Int32
        var sample: Int32
        var caseRevision: Int32
        var whole: Int32
        var label: Label
        var flags: UInt8
    }

    private enum Flag {
        static let alert: UInt8 = 1
        static let lenientAlert: UInt8 = 2
        static let cached: UInt8 = 4
        static let inputTokens: UInt8 = 8
        static let outputTokens: UInt8 = 16
        static let latency: UInt8 = 32
    }

    private var common: Common?
    private var rows: [Row] = []
    private var whole: [StoredResult] = []

    public init() {}

    /// `results`, in order.
    public init(_ results: some Sequence<StoredResult>) {
        for result in results { append(result) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    public subscript(position: Int) -> StoredResult {
        precondition(rows.indices.contains(position), "ResultColumns index out of range")
        return rows.withUnsafeBufferPointer { rows in result(rows[position]) }
    }

    private func result(_ row: borrowing Row) -> StoredResult {
        guard row.whole < 0, let common else { return whole[Int(row.whole)] }
        let flags = row.flags
        func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
        return StoredResult(
            key: ResultKey(
                runID: common.runID, promptRowID: common.promptRowID, modelRowID: common.modelRowID, caseRevisionID: row.caseRevisionID,
                sample: Int(row.sample)
            ),
            prompt: common.prompt, promptSHA256: common.promptSHA256, model: common.model, caseID: row.caseID, caseRevision: Int(row.caseRevision),
            label: row.label, scenario: row.scenario, tags: row.tags,
            evaluation: Evaluation(
                response: nil, error: nil, parses: row.parses, alert: has(Flag.alert), lenientAlert: has(Flag.lenientAlert),
                inputTokens: has(Flag.inputTokens) ? Int(row.inputTokens) : nil, outputTokens: has(Flag.outputTokens) ? Int(row.outputTokens) : nil,
                latencyMs: has(Flag.latency) ? row.latencyMs : nil, cached: has(Flag.cached)
            )
        )
    }

    /// The scoring view of result `position` (``RunAnalysis/scoredItem(_:)``, made from the compact row without
    /// rebuilding the result): nil for a provider error or an answer without a strict parse.
    func scoredItem(at position: Int) -> ScoredItem? {
        // Field by field from the buffer: the row is not copied (its tags and parses box are not retained).
        rows.withUnsafeBufferPointer { rows in
            guard rows[position].whole < 0 else { return RunAnalysis.scoredItem(whole[Int(rows[position].whole)]) }
            guard let strict = rows[position].parses.strict else { return nil }
            let ok = strict.status == .ok
            return ScoredItem(
                caseID: rows[position].caseID, scenario: rows[position].scenario, label: rows[position].label, sample: Int(rows[position].sample),
                status: strict.status, verdict: ok ? strict.verdict : nil, confidence: ok ? strict.confidence : nil,
                alert: rows[position].flags & Flag.alert != 0, confidenceLevel: ok ? strict.confidenceLevel : nil
            )
        }
    }

    /// Whether result `position` scores (``scoredItem(at:)`` is not nil), without making its item.
    func scores(at position: Int) -> Bool {
        rows.withUnsafeBufferPointer { rows in
            guard rows[position].whole < 0 else { return RunAnalysis.scoredItem(whole[Int(rows[position].whole)]) != nil }
            return rows[position].parses.strict != nil
        }
    }

    /// How many results are kept whole (not compact).
    var wholeCount: Int { whole.count }

    /// Space for `count` results.
    public mutating func reserveCapacity(_ count: Int) { rows.reserveCapacity(count) }

    /// Adds `result` after the others.
    public mutating func append(_ result: StoredResult) {
        if let row = compact(result) {
            rows.append(row)
        } else {
            rows.append(Row(
                caseRevisionID: 0, latencyMs: 0, parses: .none, caseID: "", scenario: "", tags: [], inputTokens: 0, outputTokens: 0, sample: 0,
                caseRevision: 0, whole: Int32(whole.count), label: .fp, flags: 0
            ))
            whole.append(result)
        }
    }

    /// The compact row of a plain answer whose every field it can hold exactly; nil for any other result.
    private mutating func compact(_ result: StoredResult) -> Row? {
        let evaluation = result.evaluation
        let key = result.key
        guard evaluation.response == nil, evaluation.error == nil, key.row.isEmpty, key.label == nil, key.scenario == nil,
            result.variantOf == nil, result.transform == nil, whole.count < Int32.max,
            let sample = Int32(exactly: key.sample), let caseRevision = Int32(exactly: result.caseRevision)
        else { return nil }
        let inputTokens = evaluation.inputTokens.map { Int32(exactly: $0) }
        let outputTokens = evaluation.outputTokens.map { Int32(exactly: $0) }
        if inputTokens == .some(nil) || outputTokens == .some(nil) { return nil }
        let shared = Common(
            runID: key.runID, promptRowID: key.promptRowID, modelRowID: key.modelRowID, prompt: result.prompt, promptSHA256: result.promptSHA256,
            model: result.model
        )
        if let common {
            guard common == shared else { return nil }
        } else {
            common = shared
        }
        var flags: UInt8 = 0
        if evaluation.alert { flags |= Flag.alert }
        if evaluation.lenientAlert { flags |= Flag.lenientAlert }
        if evaluation.cached { flags |= Flag.cached }
        if inputTokens != nil { flags |= Flag.inputTokens }
        if outputTokens != nil { flags |= Flag.outputTokens }
        if evaluation.latencyMs != nil { flags |= Flag.latency }
        return Row(
            caseRevisionID: key.caseRevisionID, latencyMs: evaluation.latencyMs ?? 0, parses: evaluation.sharedParses, caseID: result.caseID,
            scenario: result.scenario, tags: result.tags, inputTokens: (inputTokens ?? 0) ?? 0, outputTokens: (outputTokens ?? 0) ?? 0,
            sample: sample, caseRevision: caseRevision, whole: -1, label: result.label, flags: flags
        )
    }

    /// Calls `body` once per key with its results, in ascending key order (``Swift/Array/forEachRun(by:_:)``): a run's
    /// results are copied out one run at a time when they are sorted by `key` (as results are read), else all at once.
    public func forEachRun<Key: Comparable>(by key: (StoredResult) -> Key, _ body: (ArraySlice<StoredResult>) throws -> Void) rethrows {
        var keys: [Key] = []
        keys.reserveCapacity(count)
        for result in self { keys.append(key(result)) }
        guard zip(keys, keys.dropFirst()).allSatisfy({ $0 <= $1 }) else { return try Array(self).forEachRun(by: key, body) }
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, keys[end] == keys[start] { end += 1 }
            try body(Array(self[start..<end])[...])
            start = end
        }
    }
}

extension ResultColumns: ExpressibleByArrayLiteral {
    public init(arrayLiteral results: StoredResult...) { self.init(results) }
}
