/// The alert values whoever runs code on a host writes (command lines, paths, names, URLs, DNS names, script
/// blocks, registry values): the only values a robustness transform changes. Each is an ECS field of a case's
/// documents and, where the structured shorthand has a list for it, that list too, so a transform changes a
/// case of documents and a hand-written case alike.
public enum AttackerFields {
    /// One attacker-controlled field.
    public struct Field: Sendable {
        /// The ECS field of a document (`process.command_line`).
        public var ecs: String
        /// The shorthand key holding the same values (`command_lines`), if any.
        public var shorthand: String?
        var list: (any WritableKeyPath<TriageCase, [String]> & Sendable)? { CaseFields.lists[ecs] }
    }

    /// Every attacker-controlled field, in the order injections look for one a case holds.
    public static let all: [Field] = [
        Field(ecs: "process.command_line", shorthand: "command_lines"),
        Field(ecs: "powershell.file.script_block_text"),
        Field(ecs: "url.original"),
        Field(ecs: "process.parent.command_line", shorthand: "parent_command_lines"),
        Field(ecs: "file.path", shorthand: "file_paths"),
        Field(ecs: "dns.question.name", shorthand: "dns_queries"),
        Field(ecs: "registry.data.strings", shorthand: "registry_values"),
        Field(ecs: "registry.path", shorthand: "registry_paths"),
        Field(ecs: "process.executable", shorthand: "executables"),
        Field(ecs: "dll.path", shorthand: "dll_paths"),
        Field(ecs: "process.args"),
        Field(ecs: "process.name"),
        Field(ecs: "file.name"),
        Field(ecs: "process.working_directory"),
        Field(ecs: "user.email", shorthand: "emails"),
        Field(ecs: "user.name", shorthand: "users"),
        Field(ecs: "host.name", shorthand: "hosts"),
    ]

    /// Fields an injection (`answer-spoof`, `instruction`, `json-break`) writes into: the first of these a case
    /// holds, every value of it. Names and `process.name` are left alone (rules filter and group on them).
    static let injectable = [
        "process.command_line", "powershell.file.script_block_text", "url.original", "process.parent.command_line", "file.path",
        "dns.question.name", "registry.data.strings", "registry.path", "process.executable", "dll.path",
    ]

    /// The field a selector names, by its ECS name or its shorthand key; nil when it is not attacker-controlled.
    public static func field(_ selector: String) -> Field? {
        all.first { $0.ecs == selector || $0.shorthand == selector }
    }

    /// The selectors accepted, for error messages.
    public static var selectors: String { all.map { field in field.shorthand.map { "\(field.ecs) (\($0))" } ?? field.ecs }.joined(separator: ", ") }
}
