public import TriageEval
internal import Foundation
internal import GRDB

/// A prompt version as registered: its row id, and whether its text differs from an earlier
/// registration of the same `id@version` (an edit made without bumping the version).
public struct RegisteredPrompt: Sendable, Hashable {
    public var rowID: Int64
    public var editedWithoutNewVersion: Bool
}

extension Store {
    /// Records a prompt version (idempotent on id, version and text hash; a version removed with
    /// `prompts remove` is current again).
    public func registerPrompt(_ prompt: PromptVersion) async throws -> RegisteredPrompt {
        try await write { db in
            let sameVersion = try PromptVersionRecord
                .filter(Column("prompt_id") == prompt.id && Column("version") == prompt.version)
                .fetchAll(db)
            if let existing = sameVersion.first(where: { $0.sha256 == prompt.sha256 }), let id = existing.id {
                if existing.removedAt != nil { try db.execute(sql: "UPDATE prompt_version SET removed_at = NULL WHERE id = ?", arguments: [id]) }
                return RegisteredPrompt(rowID: id, editedWithoutNewVersion: sameVersion.count > 1)
            }
            var record = PromptVersionRecord(
                id: nil, promptId: prompt.id, version: prompt.version, sha256: prompt.sha256,
                text: prompt.text, file: prompt.file, registeredAt: Date(), kind: prompt.kind.rawValue, removedAt: nil,
                schemaText: prompt.schemaFileText
            )
            try record.insert(db)
            return RegisteredPrompt(rowID: record.id ?? 0, editedWithoutNewVersion: !sameVersion.isEmpty)
        }
    }

    /// Records a model configuration (idempotent on its content). The config holds no secrets:
    /// keys live in the environment and only their variable names are configured.
    public func registerModel(_ model: ModelConfig) async throws -> Int64 {
        let config = try Self.json(model)
        let hash = SHA256Hex.of(config)
        return try await write { db in
            if let existing = try ModelRecord.filter(Column("model_id") == model.id && Column("config_hash") == hash).fetchOne(db),
                let id = existing.id
            {
                return id
            }
            var record = ModelRecord(id: nil, modelId: model.id, provider: model.provider.rawValue, config: config, configHash: hash)
            try record.insert(db)
            return record.id ?? 0
        }
    }

    /// The stored text of a prompt version row (for reports that re-render prompts).
    public func promptText(rowID: Int64) async throws -> StoredPrompt? {
        try await read { db in
            try PromptVersionRecord.fetchOne(db, key: rowID).map { try StoredPrompt($0) }
        }
    }

    /// Model configurations by row id.
    public func models(_ rowIDs: [Int64]) async throws -> [Int64: ModelConfig] {
        try await read { db in
            var result: [Int64: ModelConfig] = [:]
            for record in try ModelRecord.filter(keys: rowIDs).fetchAll(db) {
                if let id = record.id { result[id] = try Self.decode(ModelConfig.self, from: record.config) }
            }
            return result
        }
    }

    /// The `id@version` of each prompt and the id of each model a run planned, in plan order.
    public func runNames(_ run: RunInfo) async throws -> (prompts: [String], models: [String]) {
        try await read { db in
            let prompts = try PromptVersionRecord.filter(keys: run.plan.promptRows).fetchAll(db)
            let models = try ModelRecord.filter(keys: run.plan.modelRows).fetchAll(db)
            let promptNames = Dictionary(prompts.compactMap { record in record.id.map { ($0, "\(record.promptId)@\(record.version)") } }, uniquingKeysWith: { a, _ in a })
            let modelNames = Dictionary(models.compactMap { record in record.id.map { ($0, record.modelId) } }, uniquingKeysWith: { a, _ in a })
            return (run.plan.promptRows.compactMap { promptNames[$0] }, run.plan.modelRows.compactMap { modelNames[$0] })
        }
    }
}
