internal import GRDB

extension Schema {
    /// The JSON schema file a prompt version's `output.schema` names, recorded with it (issue 13 item 5):
    /// `--resume` sends, and reports re-read, the schema the run used, not the file as it is today.
    static func registerPromptSchema(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-prompt-schema") { db in
            try db.alter(table: "prompt_version") { t in
                t.add(column: "schema_text", .text)
            }
        }
    }
}
