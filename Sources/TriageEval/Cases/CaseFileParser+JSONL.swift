internal import Yams

extension CaseFileParser {
    /// Reads a `.jsonl` case file one line at a time (``JSONLReader``), so memory does not grow with a YAML
    /// node tree of the whole file. Errors in this file name its line; an entry is one line.
    static func readJSONL(_ text: String, file: String, readFile: FileReader?) throws(InputError) -> Contents {
        var reader = JSONLReader(file: file, readFile: readFile)
        var cases: [TriageCase] = []
        // Split at newline bytes (not characters: `\r\n` is one character, and grapheme breaking a big file costs).
        for (offset, bytes) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if let item = try reader.read(Substring(bytes), line: offset + 1) { cases.append(item) }
        }
        return Contents(cases: cases, drafts: reader.drafts)
    }

    /// Reads the lines of a `.jsonl` case file one by one (the caller may stream them from disk): each line is
    /// read as JSON — its values directly when they are plain (``plainCase(_:)``), else checked field by field
    /// exactly as a YAML case is (``parseCase(_:file:index:readFile:)``). A line that is not plain JSON (a YAML
    /// flow mapping, a comment, duplicate keys) is composed as the one-item YAML list `- LINE`, as the whole file
    /// was before, so it yields the same case or the same error.
    public struct JSONLReader {
        let file: String
        let readFile: FileReader?
        /// Line of each id read so far, for the duplicate check.
        private var seen: [String: Int] = [:]
        /// Entries read so far (blank lines are no entries).
        private var index = 0
        private let builder = YAMLNodeBuilder()
        /// Draft entries skipped (`label: null`), by id (or `entry N`).
        public private(set) var drafts: [String] = []

        /// `file` is the name errors use; `readFile` reads `documents_file:`s (see ``CaseFileParser/read(_:file:readFile:)``).
        public init(file: String, readFile: FileReader?) {
            self.file = file
            self.readFile = readFile
        }

        /// Reads line number `line` (1-based, without its `\n`): its case, or nil for a blank line or a draft.
        public mutating func read(_ raw: Substring, line: Int) throws(InputError) -> TriageCase? {
            if raw.allSatisfy(\.isWhitespace) { return nil }
            defer { index += 1 }
            do throws(InputError) {
                let json = JSONValue.parseDocument(String(raw))
                let item: TriageCase
                if let plain = json.flatMap(CaseFileParser.plainCase) {
                    item = plain
                } else {
                    let node: Node
                    if let built = json.flatMap(builder.node) { node = built } else { node = try CaseFileParser.composedLine(raw, file: file) }
                    if let map = try? YAMLMapping(node, file: file, path: ""), map.has("label"), map.value("label") == nil {
                        drafts.append(((try? map.string("id")) ?? nil) ?? "entry \(index + 1)")
                        return nil
                    }
                    item = try CaseFileParser.parseCase(node, file: file, index: index, readFile: readFile)
                }
                if let first = seen[item.id] {
                    throw InputError(file: file, field: "cases[\(index)].id", message: "duplicate id \"\(item.id)\" (first defined on line \(first))")
                }
                seen[item.id] = line
                return item
            } catch {
                var located = error
                if located.file == file { located.line = line }
                throw located
            }
        }
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
