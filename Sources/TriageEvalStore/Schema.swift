internal import GRDB

/// The store's versioned migrations. Append new migrations; never edit a shipped one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core") { db in
            try db.create(table: "case_revision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("case_id", .text).notNull().indexed()
                t.column("revision", .integer).notNull()
                t.column("content_hash", .text).notNull()
                t.column("label", .text).notNull()
                t.column("scenario", .text).notNull()
                t.column("body", .jsonText).notNull()
                t.column("imported_at", .datetime).notNull()
                t.uniqueKey(["case_id", "revision"])
            }
            try db.create(table: "prompt_version") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("prompt_id", .text).notNull()
                t.column("version", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("text", .text).notNull()
                t.column("file", .text).notNull()
                t.column("registered_at", .datetime).notNull()
                t.uniqueKey(["prompt_id", "version", "sha256"])
            }
            try db.create(table: "model") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("model_id", .text).notNull()
                t.column("provider", .text).notNull()
                t.column("config", .jsonText).notNull()
                t.column("config_hash", .text).notNull()
                t.uniqueKey(["model_id", "config_hash"])
            }
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("started_at", .datetime).notNull()
                t.column("finished_at", .datetime)
                t.column("status", .text).notNull()
                t.column("tool_version", .text).notNull()
                t.column("git_commit", .text)
                t.column("samples", .integer).notNull()
                t.column("selection", .jsonText).notNull()
                t.column("plan", .jsonText).notNull()
                t.column("planned", .integer).notNull()
                t.column("calls", .integer).notNull().defaults(to: 0)
                t.column("cache_hits", .integer).notNull().defaults(to: 0)
                t.column("errors", .integer).notNull().defaults(to: 0)
                t.column("input_tokens", .integer).notNull().defaults(to: 0)
                t.column("output_tokens", .integer).notNull().defaults(to: 0)
                t.column("cost_usd", .double).notNull().defaults(to: 0)
            }
            try db.create(table: "result") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("prompt_version_id", .integer).notNull().references("prompt_version")
                t.column("model_id", .integer).notNull().references("model")
                t.column("case_revision_id", .integer).notNull().references("case_revision")
                t.column("sample", .integer).notNull()
                t.column("outcome", .text).notNull()
                t.column("response", .text)
                t.column("error", .text)
                t.column("parse_status", .text)
                t.column("strict", .jsonText)
                t.column("lenient", .jsonText)
                t.column("alert", .boolean).notNull().defaults(to: false)
                t.column("lenient_alert", .boolean).notNull().defaults(to: false)
                t.column("input_tokens", .integer)
                t.column("output_tokens", .integer)
                t.column("latency_ms", .double)
                t.column("cached", .boolean).notNull().defaults(to: false)
                t.column("completed_at", .datetime).notNull()
                t.uniqueKey(["run_id", "prompt_version_id", "model_id", "case_revision_id", "sample"])
            }
            try db.create(table: "response_cache") { t in
                t.primaryKey("key", .text)
                t.column("response", .text).notNull()
                t.column("input_tokens", .integer)
                t.column("output_tokens", .integer)
                t.column("created_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2-case-file") { db in
            // What each case file yielded at its last import, so an unchanged file is not parsed again.
            try db.create(table: "case_file") { t in
                t.primaryKey("path", .text)
                t.column("file_hash", .text).notNull()
                t.column("cases", .jsonText).notNull()
                t.column("imported_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v3-run-lease") { db in
            // The process executing a run ("pid@host") and when it last said it is alive: one process executes a
            // run at a time, and a run whose process died reads as interrupted, not running.
            try db.alter(table: "run") { t in
                t.add(column: "lease_holder", .text)
                t.add(column: "lease_heartbeat", .datetime)
            }
        }
        registerRunSemantics(&migrator)
        migrator.registerMigration("v3-result-row-key") { db in
            // A rule over a case's documents makes one call per row reaching COMPLETION: results are keyed by
            // the row's BY values too ("" for a single call). SQLite cannot alter a table's unique key, so the
            // table is rebuilt with the new column and key, rows copied.
            try db.execute(sql: "ALTER TABLE result RENAME TO result_v2")
            try db.create(table: "result") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("prompt_version_id", .integer).notNull().references("prompt_version")
                t.column("model_id", .integer).notNull().references("model")
                t.column("case_revision_id", .integer).notNull().references("case_revision")
                t.column("sample", .integer).notNull()
                t.column("row_key", .text).notNull().defaults(to: "")
                t.column("outcome", .text).notNull()
                t.column("response", .text)
                t.column("error", .text)
                t.column("parse_status", .text)
                t.column("strict", .jsonText)
                t.column("lenient", .jsonText)
                t.column("alert", .boolean).notNull().defaults(to: false)
                t.column("lenient_alert", .boolean).notNull().defaults(to: false)
                t.column("input_tokens", .integer)
                t.column("output_tokens", .integer)
                t.column("latency_ms", .double)
                t.column("cached", .boolean).notNull().defaults(to: false)
                t.column("completed_at", .datetime).notNull()
                t.uniqueKey(["run_id", "prompt_version_id", "model_id", "case_revision_id", "sample", "row_key"])
            }
            try db.execute(sql: """
                INSERT INTO result (id, run_id, prompt_version_id, model_id, case_revision_id, sample, row_key, outcome, response, error,
                                    parse_status, strict, lenient, alert, lenient_alert, input_tokens, output_tokens, latency_ms, cached, completed_at)
                SELECT id, run_id, prompt_version_id, model_id, case_revision_id, sample, '', outcome, response, error,
                       parse_status, strict, lenient, alert, lenient_alert, input_tokens, output_tokens, latency_ms, cached, completed_at
                FROM result_v2
                """)
            try db.drop(table: "result_v2")
        }
        migrator.registerMigration("v3-case-file-mapping") { db in
            // The mapping a dataset file (one case per NDJSON line) was imported with, so every later sync reads it alike.
            try db.alter(table: "case_file") { t in
                t.add(column: "mapping", .jsonText)
            }
        }
        migrator.registerMigration("v3-result-row-label") { db in
            // A case's `row_labels` give a row of a rule's execution its own label and scenario: stored with the
            // result (NULL: the case's), so every metric, report and gate reads the row's label.
            try db.alter(table: "result") { t in
                t.add(column: "row_label", .text)
                t.add(column: "row_scenario", .text)
            }
        }
        registerPromptSchema(&migrator)
        migrator.registerMigration("v4-case-variant") { db in
            // A robustness variant (`run --variants`) is a derived case `base~transform~n`: its base id and transform
            // are kept with each revision (NULL for a case of a file), so older stores read as before.
            try db.alter(table: "case_revision") { t in
                t.add(column: "variant_of", .text)
                t.add(column: "transform", .text)
            }
            try db.create(index: "case_revision_variant_of", on: "case_revision", columns: ["variant_of"])
        }
        registerProviderBatches(&migrator)
        migrator.registerMigration("v5-case-has-documents") { db in
            // Whether a revision carries documents, as a column: reports and plans of a big run ask it of every planned
            // case, and reading it from the bodies read every body (0.6 s for 100,000). Set by every insert.
            try db.alter(table: "case_revision") { t in
                t.add(column: "has_documents", .boolean).notNull().defaults(to: false)
            }
            try db.execute(sql: """
                UPDATE case_revision SET has_documents = 1
                WHERE instr(body, '"documents"') > 0 AND COALESCE(json_array_length(body, '$.documents'), 0) > 0
                """)
        }
        migrator.registerMigration("v6-case-has-documents-trigger") { db in
            // A binary from before `v5` still writes into this store without setting the column: SQLite sets it then
            // (this binary sets it itself, and the body is only looked at when the column says no documents).
            try db.execute(sql: """
                CREATE TRIGGER case_revision_has_documents AFTER INSERT ON case_revision
                WHEN NOT NEW.has_documents AND instr(NEW.body, '"documents"') > 0 AND COALESCE(json_array_length(NEW.body, '$.documents'), 0) > 0
                BEGIN
                    UPDATE case_revision SET has_documents = 1 WHERE id = NEW.id;
                END
                """)
        }
        return migrator
    }

    /// Migrations for what a run used and which cases and prompts are current (issue 11: B15, D21, D22).
    static func registerRunSemantics(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-runsem-prompt-kind") { db in
            // The kind of a prompt version (`template` or `rule`), stored instead of inferred from a `.toml` file name;
            // `removed_at` hides an imported rule from new runs (`prompts remove`) while old runs keep it.
            try db.alter(table: "prompt_version") { t in
                t.add(column: "kind", .text).notNull().defaults(to: "template")
                t.add(column: "removed_at", .datetime)
            }
            try db.execute(sql: "UPDATE prompt_version SET kind = 'rule' WHERE file LIKE '%.toml'")
        }
        migrator.registerMigration("v3-runsem-case-set") { db in
            // Drafts each case file skipped (label: null), and cases removed with `cases remove`.
            try db.alter(table: "case_file") { t in
                t.add(column: "drafts", .jsonText).notNull().defaults(to: "[]")
            }
            try db.create(table: "case_removed") { t in
                t.primaryKey("case_id", .text)
                t.column("removed_at", .datetime).notNull()
            }
        }
    }
}
