/// Changes the values of attacker-controlled fields of a case in its documents and in its structured shorthand
/// alike (and the entity name and `row_labels` values that repeat a renamed host or user), so a rule's own
/// pipeline runs on the changed case as production would.
struct CaseEditor {
    var item: TriageCase

    /// Every value of the field the case holds: the shorthand list, then each document's.
    func values(_ field: AttackerFields.Field) -> [String] {
        var found = field.list.map { item[keyPath: $0] } ?? []
        for document in item.documents ?? [] {
            if let source = JSONValue.parseDocument(document.source) { found += source.strings(atPath: field.ecs) }
        }
        return found
    }

    /// Whether the case holds a value of the field.
    func holds(_ field: AttackerFields.Field) -> Bool { !values(field).isEmpty }

    /// Replaces every value of the field with `transform(value)`.
    mutating func map(_ field: AttackerFields.Field, _ transform: (String) -> String) {
        if let list = field.list { item[keyPath: list] = item[keyPath: list].map(transform) }
        if let entity = item.entity, (field.ecs == "host.name" && entity.type == .host) || (field.ecs == "user.name" && entity.type == .user) {
            item.entity?.name = transform(entity.name)
        }
        item.rowLabels = item.rowLabels?.map { entry in
            var entry = entry
            entry.match = entry.match.map { $0.column == field.ecs ? RowLabel.Match(column: $0.column, value: transform($0.value)) : $0 }
            return entry
        }
        updateDocuments { $0.updating(atPath: field.ecs) { $0.mappingStrings(transform) } }
    }

    /// Applies `update` to each document's `_source` (a document that does not parse is left as it is).
    mutating func updateDocuments(_ update: (JSONValue) -> JSONValue) {
        item.documents = item.documents?.map { document in
            guard let source = JSONValue.parseDocument(document.source) else { return document }
            var changed = document
            changed.source = update(source).compactText
            return changed
        }
    }

    /// The first field injections write into that the case holds.
    var injectionField: AttackerFields.Field? {
        AttackerFields.injectable.lazy.compactMap(AttackerFields.field).first { holds($0) }
    }

    /// Appends `text` to every value of the injection field (with `process.command_line`, `process.args` gains it
    /// as a last argument, as a shell would split it); false when the case holds no such field.
    mutating func inject(_ text: String) -> Bool {
        guard let field = injectionField else { return false }
        map(field) { $0 + text }
        if field.ecs == "process.command_line" {
            let argument = String(text.drop { $0 == " " || $0 == "\n" })
            updateDocuments { source in
                source.updating(atPath: "process.args") { args in
                    guard case .array(let items) = args else { return args }
                    return .array(items + [.string(argument)])
                }
            }
        }
        return true
    }
}
