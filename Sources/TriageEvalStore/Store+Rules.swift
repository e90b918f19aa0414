internal import Foundation
internal import GRDB
internal import TriageEval

extension Store {
    /// Every imported detection rule version not removed (the latest registration of each `id@version`), by id and version.
    public func importedRules() async throws -> [StoredPrompt] {
        try await read { db in
            let records = try PromptVersionRecord
                .filter(Column("kind") == PromptVersion.Kind.rule.rawValue && Column("removed_at") == nil)
                .order(Column("prompt_id"), Column("version"), Column("id"))
                .fetchAll(db)
            var latest: [String: StoredPrompt] = [:]
            var order: [String] = []
            for record in records {
                let key = "\(record.promptId)@\(record.version)"
                if latest[key] == nil { order.append(key) }
                latest[key] = try StoredPrompt(record)
            }
            return order.compactMap { latest[$0] }
        }
    }

    /// The recorded versions of a prompt id, oldest first.
    public func promptVersions(id: String) async throws -> [StoredPrompt] {
        try await read { db in
            try PromptVersionRecord.filter(Column("prompt_id") == id).order(Column("id")).fetchAll(db).map { try StoredPrompt($0) }
        }
    }

    /// Hides an imported rule version from new runs (`prompts remove ID@V`); runs that used it keep reading it.
    /// Returns false when no such imported rule is current.
    public func removeRule(id: String, version: String) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE prompt_version SET removed_at = ? WHERE prompt_id = ? AND version = ? AND kind = ? AND removed_at IS NULL",
                arguments: [Date(), id, version, PromptVersion.Kind.rule.rawValue]
            )
            return db.changesCount > 0
        }
    }
}
