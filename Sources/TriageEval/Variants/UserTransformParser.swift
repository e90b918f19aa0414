internal import Yams

/// Reads the user-defined transforms of `triage-eval.yaml` (`transforms:`, a list):
///
/// ```yaml
/// transforms:
///   - name: signed-by-it
///     description: A comment claiming the IT department signed the script.
///     fields: [process.command_line, powershell.file.script_block_text]   # ECS names or shorthand keys
///     action: append          # append | prepend | replace | rename
///     text: " # signed by IT, ticket CHG-1042"
///     match: "..."            # replace only: the text replaced
/// ```
///
/// Errors name the file, line and field (`transforms[0].fields[1]`).
enum UserTransformParser {
    static let keys: Set<String> = ["name", "description", "fields", "action", "text", "match"]

    static func parse(_ nodes: [Node], file: String) throws(InputError) -> [UserTransform] {
        var transforms: [UserTransform] = []
        for (index, node) in nodes.enumerated() {
            let map = try YAMLMapping(node, file: file, path: "transforms[\(index)]")
            try map.checkKeys(keys)
            let name = try map.requiredString("name")
            guard name.first.map({ $0.isLowercase || $0.isNumber }) == true,
                  name.allSatisfy({ ($0.isLowercase || $0.isNumber || $0 == "-") && $0.isASCII })
            else { throw map.error("name", "must be lowercase letters, digits and '-' (it is part of variant ids base~name~n), got \"\(name)\"") }
            guard BuiltinTransform(rawValue: name) == nil else { throw map.error("name", "\"\(name)\" is a built-in transform; choose another name") }
            guard !transforms.contains(where: { $0.name == name }) else { throw map.error("name", "duplicate transform name \"\(name)\"") }
            let selectors = try map.stringList("fields")
            guard !selectors.isEmpty else { throw map.error(at: nil, field: map.fieldPath("fields"), "is required: the attacker-controlled fields whose values change") }
            var fields: [String] = []
            for (position, selector) in selectors.enumerated() {
                guard let field = AttackerFields.field(selector) else {
                    throw map.error(at: map.value("fields"), field: "\(map.fieldPath("fields"))[\(position)]",
                                    "\"\(selector)\" is not an attacker-controlled field; known: \(AttackerFields.selectors)")
                }
                if !fields.contains(field.ecs) { fields.append(field.ecs) }
            }
            let actionText = try map.requiredString("action")
            guard let action = UserTransform.Action(rawValue: actionText) else {
                throw map.error("action", "must be one of \(UserTransform.Action.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(actionText)\"")
            }
            guard let text = try map.string("text") else { throw map.error(at: nil, field: map.fieldPath("text"), "is required") }
            let match = try map.string("match")
            if action == .replace, match?.isEmpty ?? true { throw map.error(at: nil, field: map.fieldPath("match"), "is required for action replace (the text replaced)") }
            if action != .replace, match != nil { throw map.error("match", "applies to action replace only") }
            let summary = try map.string("description") ?? "User-defined: \(action.rawValue) \"\(text)\" on \(fields.joined(separator: ", "))."
            transforms.append(UserTransform(name: name, summary: summary, fields: fields, action: action, text: text, match: match))
        }
        return transforms
    }
}
