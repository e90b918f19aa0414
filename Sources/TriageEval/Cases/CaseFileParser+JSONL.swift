internal import Yams

extension CaseFileParser {
    /// Reads a `.jsonl` case file one line at a time: each line is read as JSON and checked field by field
    /// exactly as a YAML case is (``parseCase(_:file:index:readFile:)``), so memory does not grow with a YAML
    /// node tree of the whole file. A line that is not plain JSON (a YAML flow mapping, a comment, duplicate
    /// keys) is composed as the one-item YAML list `- LINE`, as the whole file was before, so it yields the same
    /// case or the same error. Errors in this file name its line; an entry is one line.
    static func readJSONL(_ text: String, file: String, readFile: FileReader?) throws(InputError) -> Contents {
        var seen: [String: Int] = [:]
        var contents = Contents(cases: [], drafts: [])
        var index = 0
        let builder = YAMLNodeBuilder()
        // Split at newline bytes (not characters: `\r\n` is one character, and grapheme breaking a big file costs).
        for (offset, bytes) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let raw = Substring(bytes)
            if raw.allSatisfy(\.isWhitespace) { continue }
            let line = offset + 1
            do throws(InputError) {
                let node: Node
                if let json = JSONValue.parseDocument(String(raw)).flatMap(builder.node) { node = json } else { node = try composedLine(raw, file: file) }
                if let map = try? YAMLMapping(node, file: file, path: ""), map.has("label"), map.value("label") == nil {
                    contents.drafts.append(((try? map.string("id")) ?? nil) ?? "entry \(index + 1)")
                } else {
                    let item = try parseCase(node, file: file, index: index, readFile: readFile)
                    if let first = seen[item.id] {
                        throw InputError(file: file, field: "cases[\(index)].id", message: "duplicate id \"\(item.id)\" (first defined on line \(first))")
                    }
                    seen[item.id] = line
                    contents.cases.append(item)
                }
            } catch {
                var located = error
                if located.file == file { located.line = line }
                throw located
            }
            index += 1
        }
        return contents
    }

    /// The one item of the YAML list `- LINE` (its marks say line 1; the caller names the file's line).
    private static func composedLine(_ raw: Substring, file: String) throws(InputError) -> Node {
        guard case .sequence(let items) = try YAMLMapping.compose("- " + raw, file: file), let item = items.first else {
            throw InputError(file: file, message: "expected one JSON object per line (one case)")
        }
        return item
    }
}

/// Builds the YAML node a YAML parser composes from a JSON value: strings are quoted (tag `str`); numbers,
/// booleans and null plain, resolved by YAML's rules from their kept text. One builder per file: Yams'
/// `Constructor.default` builds its tables on every use, and tags resolve in place, so each plain node gets its own.
private struct YAMLNodeBuilder {
    let resolver = Resolver.default
    let constructor = Constructor.default
    /// Shared by every quoted scalar: a `str` tag never changes when resolved.
    let str: Tag

    init() {
        str = Tag(.str, resolver, constructor)
    }

    var implicit: Tag { Tag(.implicit, resolver, constructor) }

    /// Nil for an object with a duplicate key, which YAML refuses.
    func node(_ value: JSONValue) -> Node? {
        switch value {
        case .string(let text): return .scalar(Node.Scalar(text, str, .doubleQuoted))
        case .number(let text): return .scalar(Node.Scalar(text, implicit, .plain))
        case .bool(let value): return .scalar(Node.Scalar(value ? "true" : "false", implicit, .plain))
        case .null: return .scalar(Node.Scalar("null", implicit, .plain))
        case .array(let elements):
            var nodes: [Node] = []
            nodes.reserveCapacity(elements.count)
            for element in elements {
                guard let node = node(element) else { return nil }
                nodes.append(node)
            }
            return .sequence(Node.Sequence(nodes, implicit, .flow))
        case .object(let members):
            var keys = Set<String>()
            var pairs: [(Node, Node)] = []
            pairs.reserveCapacity(members.count)
            for (key, member) in members {
                guard keys.insert(key).inserted, let node = node(member) else { return nil }
                pairs.append((.scalar(Node.Scalar(key, str, .doubleQuoted)), node))
            }
            return .mapping(Node.Mapping(pairs, implicit, .flow))
        }
    }
}
