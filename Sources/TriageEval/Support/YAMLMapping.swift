internal import Foundation
internal import Yams

/// A YAML mapping read field by field, with every error located by file, line and field path.
///
/// Yams' `Decodable` support silently ignores unknown keys and loses line numbers, so user files
/// are read through this instead: ``checkKeys(_:)`` turns a typo into an error, and every accessor
/// reports the line of the offending value.
struct YAMLMapping {
    let node: Node
    let mapping: Node.Mapping
    /// Values by key text: `Node.Mapping`'s own subscript compares nodes by resolved tag (a regular
    /// expression per key per lookup), which dominated reading thousands of cases.
    let values: [String: Node]
    let file: String
    /// Field path of this mapping, e.g. `cases[3]`; empty at the document root.
    let path: String

    init(_ node: Node, file: String, path: String) throws(InputError) {
        guard let mapping = node.mapping else {
            throw InputError(file: file, line: node.mark?.line, column: node.mark?.column, field: path.isEmpty ? nil : path, message: "expected a mapping (key: value)")
        }
        self.node = node
        self.mapping = mapping
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            if let name = key.scalar?.string, values[name] == nil { values[name] = value }
        }
        self.values = values
        self.file = file
        self.path = path
    }

    /// Parses a whole YAML document. An empty document yields nil.
    static func compose(_ text: String, file: String) throws(InputError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError.yaml(error, file: file)
        } catch {
            throw InputError(file: file, message: "not valid YAML: \(error)")
        }
    }

    /// The keys present, in document order.
    var keys: [String] { mapping.keys.compactMap(\.string) }

    /// Rejects keys outside `allowed`, naming the first unknown one and its line.
    func checkKeys(_ allowed: Set<String>) throws(InputError) {
        for key in mapping.keys {
            let name = key.string ?? "\(key)"
            if !allowed.contains(name) {
                let hint = allowed.sorted().joined(separator: ", ")
                throw error(at: key, field: fieldPath(name), "unknown key; allowed: \(hint)")
            }
        }
    }

    func has(_ key: String) -> Bool { values[key] != nil }

    func value(_ key: String) -> Node? {
        guard let node = values[key], node.null == nil else { return nil }
        return node
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(at node: Node?, field: String?, _ message: String) -> InputError {
        let mark = node?.mark ?? self.node.mark
        return InputError(file: file, line: mark?.line, column: mark?.column, field: field, message: message)
    }

    func error(_ key: String, _ message: String) -> InputError {
        error(at: values[key], field: fieldPath(key), message)
    }

    func string(_ key: String) throws(InputError) -> String? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node else { throw error(key, "expected a string") }
        return scalar.string
    }

    func requiredString(_ key: String) throws(InputError) -> String {
        guard let value = try string(key) else { throw error(key, has(key) ? "must not be null" : "is required") }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, "must not be empty") }
        return value
    }

    func int(_ key: String) throws(InputError) -> Int? {
        guard let node = value(key) else { return nil }
        guard let value = node.int else { throw error(key, "expected an integer, got \(describe(node))") }
        return value
    }

    func double(_ key: String) throws(InputError) -> Double? {
        guard let node = value(key) else { return nil }
        guard let value = node.float ?? node.int.map(Double.init) else { throw error(key, "expected a number, got \(describe(node))") }
        // NaN and infinities (`.nan`, `.inf`, `1e999`) have no JSON form: they could be neither stored nor compared.
        guard value.isFinite else { throw error(key, "must be a finite number, got \(describe(node))") }
        return value
    }

    func bool(_ key: String) throws(InputError) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let value = node.bool else { throw error(key, "expected true or false, got \(describe(node))") }
        return value
    }

    /// A list of strings; a single string is accepted as a one-element list.
    func stringList(_ key: String) throws(InputError) -> [String] {
        guard let node = value(key) else { return [] }
        switch node {
        case .scalar(let scalar):
            return [scalar.string]
        case .sequence(let sequence):
            var result: [String] = []
            for (index, item) in sequence.enumerated() {
                guard case .scalar(let scalar) = item, item.null == nil else {
                    throw error(at: item, field: "\(fieldPath(key))[\(index)]", "expected a string")
                }
                result.append(scalar.string)
            }
            return result
        case .mapping, .alias:
            throw error(key, "expected a list of strings")
        }
    }

    func submapping(_ key: String) throws(InputError) -> YAMLMapping? {
        guard let node = value(key) else { return nil }
        return try YAMLMapping(node, file: file, path: fieldPath(key))
    }

    func list(_ key: String) throws(InputError) -> [Node] {
        guard let node = value(key) else { return [] }
        guard case .sequence(let sequence) = node else { throw error(key, "expected a list") }
        return Array(sequence)
    }

    private func describe(_ node: Node) -> String {
        if case .scalar(let scalar) = node { return "\"\(scalar.string)\"" }
        return "a \(node.mapping != nil ? "mapping" : "list")"
    }
}

extension InputError {
    /// Converts a Yams syntax error into a located input error.
    static func yaml(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return InputError(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(detail)")
        case .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return InputError(file: file, line: mark.line, column: mark.column, message: "YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return InputError(file: file, line: context.mark.line, column: context.mark.column, message: "duplicated key(s): \(duplicates.joined(separator: ", "))")
        default:
            return InputError(file: file, message: "YAML: \(error)")
        }
    }
}
