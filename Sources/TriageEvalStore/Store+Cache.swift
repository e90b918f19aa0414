internal import Foundation
internal import GRDB

/// A cached model answer.
public struct CachedResponse: Sendable, Hashable {
    public var response: String
    public var inputTokens: Int?
    public var outputTokens: Int?

    public init(response: String, inputTokens: Int?, outputTokens: Int?) {
        self.response = response
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}

/// Size of the response cache.
public struct CacheStats: Sendable, Hashable {
    public var entries: Int
    public var bytes: Int
}

extension Store {
    /// The cached answer for a key, if any.
    public func cachedResponse(_ key: String) async throws -> CachedResponse? {
        try await read { db in
            let select = try db.cachedStatement(sql: "SELECT response, input_tokens, output_tokens FROM response_cache WHERE key = ?")
            return try Row.fetchOne(select, arguments: [key]).map { CachedResponse(response: $0[0], inputTokens: $0[1], outputTokens: $0[2]) }
        }
    }

    /// Which of `keys` have a cached answer (one query per 500 keys), for `run --dry-run`.
    public func cachedKeys(_ keys: [String]) async throws -> Set<String> {
        try await read { db in
            var found: Set<String> = []
            var start = 0
            while start < keys.count {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                found.formUnion(try String.fetchAll(db, sql: "SELECT key FROM response_cache WHERE key IN (\(marks))", arguments: StatementArguments(chunk)))
                start += chunk.count
            }
            return found
        }
    }

    /// Stores answers in one transaction. Callers never cache errors or empty answers.
    public func cacheResponses(_ entries: [(key: String, response: CachedResponse)]) async throws {
        guard !entries.isEmpty else { return }
        try await write { db in
            try Self.writeCache(entries, at: Date(), db: db)
        }
    }

    static func writeCache(_ entries: [(key: String, response: CachedResponse)], at now: Date, db: Database) throws {
        guard !entries.isEmpty else { return }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO response_cache (key, response, input_tokens, output_tokens, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET response = excluded.response, input_tokens = excluded.input_tokens,
                output_tokens = excluded.output_tokens, created_at = excluded.created_at
            """)
        for entry in entries {
            try upsert.execute(arguments: [entry.key, entry.response.response, entry.response.inputTokens, entry.response.outputTokens, now])
        }
    }

    public func cacheStats() async throws -> CacheStats {
        try await read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), COALESCE(SUM(LENGTH(CAST(response AS BLOB))), 0) FROM response_cache")
            return CacheStats(entries: row?[0] ?? 0, bytes: row?[1] ?? 0)
        }
    }

    /// Deletes every cached answer; returns how many were removed.
    @discardableResult
    public func clearCache() async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM response_cache")
            return db.changesCount
        }
    }
}
