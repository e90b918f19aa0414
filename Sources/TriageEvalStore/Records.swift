internal import Foundation
internal import GRDB

/// Row types mirroring the schema; internal to the store.
struct CaseRevisionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "case_revision"
    var id: Int64?
    var caseId: String
    var revision: Int
    var contentHash: String
    var label: String
    var scenario: String
    var body: String
    var importedAt: Date
    /// A variant's base case id and transform (NULL for a case of a file).
    var variantOf: String? = nil
    var transform: String? = nil
    /// Whether the body carries at least one document (migration `v5-case-has-documents`).
    var hasDocuments = false

    enum CodingKeys: String, CodingKey {
        case id, revision, label, scenario, body, transform
        case variantOf = "variant_of"
        case hasDocuments = "has_documents"
        case caseId = "case_id"
        case contentHash = "content_hash"
        case importedAt = "imported_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct PromptVersionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "prompt_version"
    var id: Int64?
    var promptId: String
    var version: String
    var sha256: String
    var text: String
    var file: String
    var registeredAt: Date
    /// `template` or `rule` (``PromptVersion/Kind``).
    var kind: String
    /// When `prompts remove` hid this version from new runs.
    var removedAt: Date?
    /// The text of the schema file `output.schema` names (nil: none, or inline in `text`).
    var schemaText: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, version, sha256, text, file, kind
        case promptId = "prompt_id"
        case registeredAt = "registered_at"
        case removedAt = "removed_at"
        case schemaText = "schema_text"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct ModelRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "model"
    var id: Int64?
    var modelId: String
    var provider: String
    var config: String
    var configHash: String

    enum CodingKeys: String, CodingKey {
        case id, provider, config
        case modelId = "model_id"
        case configHash = "config_hash"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct RunRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "run"
    var id: Int64?
    var startedAt: Date
    var finishedAt: Date?
    var status: String
    var toolVersion: String
    var gitCommit: String?
    var samples: Int
    var selection: String
    var plan: String
    var planned: Int
    var calls: Int
    var cacheHits: Int
    var errors: Int
    var inputTokens: Int
    var outputTokens: Int
    var costUsd: Double
    var leaseHolder: String? = nil
    var leaseHeartbeat: Date? = nil

    enum CodingKeys: String, CodingKey {
        case id, status, samples, selection, plan, planned, calls, errors
        case leaseHolder = "lease_holder"
        case leaseHeartbeat = "lease_heartbeat"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case toolVersion = "tool_version"
        case gitCommit = "git_commit"
        case cacheHits = "cache_hits"
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case costUsd = "cost_usd"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
