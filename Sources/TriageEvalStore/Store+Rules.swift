internal import GRDB

extension Store {
    /// Every imported detection rule version (the latest registration of each `id@version`), by id and version.
    public func importedRules() async throws -> [StoredPrompt] {
        try await read { db in
            let records = try PromptVersionRecord
                .filter(Column("file").like("%.toml"))
                .order(Column("prompt_id"), Column("version"), Column("id"))
                .fetchAll(db)
            var latest: [String: StoredPrompt] = [:]
            var order: [String] = []
            for record in records {
                let key = "\(record.promptId)@\(record.version)"
                if latest[key] == nil { order.append(key) }
                latest[key] = StoredPrompt(record)
            }
            return order.compactMap { latest[$0] }
        }
    }

    /// The recorded versions of a prompt id, oldest first.
    public func promptVersions(id: String) async throws -> [StoredPrompt] {
        try await read { db in
            try PromptVersionRecord.filter(Column("prompt_id") == id).order(Column("id")).fetchAll(db).map(StoredPrompt.init)
        }
    }
}
