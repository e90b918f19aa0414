/// An Elasticsearch `DISSECT` pattern, reproducing `org.elasticsearch.dissect.DissectParser` as on
/// Elasticsearch's main branch (with the 8.15 fix for non-ASCII leading text, #111184, and the fix that
/// consumes repeated delimiters only after `->`, #119264 / #128885).
///
/// - The text before the first `%{` must start the input, and the input must be longer than it
///   (unless that text holds a line break: Elasticsearch's leading-text regex then fails and the text
///   is silently ignored).
/// - Each key's delimiter (the text up to the next `%{`) is searched byte by byte over the UTF-8 input,
///   left to right, at its first occurrence; values are byte-exact, never trimmed.
/// - A key without a trailing delimiter takes the rest of the input, newlines included; text after a
///   last delimiter is ignored. Adjacent keys (`%{a}%{b}`) make the second one literal delimiter text.
/// - Repeated delimiters are skipped after a `->` key; otherwise each repeat ends the next key, empty.
/// - Modifiers: `->` right padding, `+` append (ordered by `/n`, joined with the append separator),
///   `?name` and `%{}` skip, `*name`/`&name` reference pairs.
public struct DissectPattern: Sendable, Hashable {
    private struct Pair: Sendable, Hashable {
        var key: DissectKey
        var delimiter: [UInt8]
    }

    /// The pattern as written.
    public let pattern: String
    /// Joins the values of an append key (`append_separator`).
    public let appendSeparator: String
    /// The named keys in pattern order without duplicates or skip keys, as ES|QL lists a `DISSECT`'s columns.
    /// A reference pair (`%{*k}`/`%{&k}`) appears under its pattern name `k`, not under the key it produces.
    public let outputKeys: [String]
    /// The names of reference pairs (`%{*k} … %{&k}`), which ES|QL rejects.
    public let referenceKeys: [String]

    private let leadingDelimiter: [UInt8]
    private let pairs: [Pair]
    private let maxResults: Int

    /// Parses a pattern; throws whatever Elasticsearch rejects.
    public init(_ pattern: String, appendSeparator: String = "") throws(DissectPatternError) {
        self.pattern = pattern
        self.appendSeparator = appendSeparator
        let bytes = Array(pattern.utf8)

        // ^(.*?)%\{ — without DOTALL, so a line terminator before the first key voids the leading text.
        var lead: [UInt8] = []
        if let firstOpen = Self.indexOfOpen(in: bytes, from: 0) {
            let text = String(decoding: bytes[0..<firstOpen], as: UTF8.self)
            if !text.unicodeScalars.contains(where: Self.isLineTerminator) { lead = Array(bytes[0..<firstOpen]) }
        }
        leadingDelimiter = lead

        // %\{([^}]*?)}(.+?(?=%\{)|.*$) with DOTALL, repeated with find().
        var found: [Pair] = []
        var position = lead.count
        while let open = Self.indexOfOpen(in: bytes, from: position),
              let close = bytes[(open + 2)...].firstIndex(of: UInt8(ascii: "}")) {
            let key = try DissectKey(String(decoding: bytes[(open + 2)..<close], as: UTF8.self), pattern: pattern)
            let delimiterEnd = Self.indexOfOpen(in: bytes, from: close + 2) ?? bytes.count
            found.append(Pair(key: key, delimiter: Array(bytes[(close + 1)..<delimiterEnd])))
            position = delimiterEnd
        }
        if found.isEmpty {
            let reason = Self.indexOfOpen(in: bytes, from: 0) == nil ? "no %{key} found" : "unclosed '%{': no %{key} found"
            throw DissectPatternError(pattern: pattern, reason: reason)
        }
        maxResults = Set(found.filter { !$0.key.skip }.map(\.key.name)).count
        if maxResults == 0 {
            throw DissectPatternError(pattern: pattern, reason: "every key is skipped (%{}, %{?name}); at least one named key is needed")
        }

        // A plain key sharing its name with an append key takes part in the append.
        let appendNames = Set(found.filter { $0.key.modifier == .append || $0.key.modifier == .appendWithOrder }.map(\.key.name))
        pairs = found.map { pair in
            guard pair.key.modifier == .none, appendNames.contains(pair.key.name) else { return pair }
            return Pair(key: DissectKey(pair.key, modifier: .append), delimiter: pair.delimiter)
        }

        // Elasticsearch wants two reference keys per name; `*a … *a` would give it null keys, so one of each is required.
        for pair in pairs where pair.key.modifier == .fieldName || pair.key.modifier == .fieldValue {
            let name = pair.key.name
            let modifiers = pairs.filter { $0.key.name == name }.map(\.key.modifier)
            guard modifiers.filter({ $0 == .fieldName }).count == 1, modifiers.filter({ $0 == .fieldValue }).count == 1 else {
                throw DissectPatternError(pattern: pattern, reason: "reference key '\(name)' needs exactly one %{*\(name)} and one %{&\(name)}")
            }
        }
        referenceKeys = pairs.filter { $0.key.modifier == .fieldName }.map(\.key.name)

        var keys: [String] = []
        for pair in pairs where pair.key.modifier != .namedSkip && !pair.key.name.isEmpty && !keys.contains(pair.key.name) {
            keys.append(pair.key.name)
        }
        outputKeys = keys
    }

    /// Dissects `input`; nil when it does not match (ES|QL then sets every key to null).
    public func match(_ input: String) -> [String: String]? {
        let bytes = Array(input.utf8)
        guard bytes.count > leadingDelimiter.count, bytes.starts(with: leadingDelimiter) else { return nil }
        var result = Accumulator(referenceNames: referenceKeys)
        var pairIndex = 0
        var key = pairs[0].key
        var delimiter = pairs[0].delimiter
        var index = leadingDelimiter.count
        var valueStart = index

        while index < bytes.count {
            guard Self.bytes(bytes, at: index, match: delimiter) else {
                index += 1
                continue
            }
            result.add(key, String(decoding: bytes[valueStart..<index], as: UTF8.self))
            index += delimiter.count
            if key.skipRightPadding {
                while Self.bytes(bytes, at: index, match: delimiter) { index += delimiter.count }
            }
            guard pairIndex + 1 < pairs.count else { break }
            pairIndex += 1
            key = pairs[pairIndex].key
            delimiter = pairs[pairIndex].delimiter
            valueStart = index
        }
        if result.matches != pairs.count, delimiter.isEmpty {
            result.add(key, String(decoding: bytes[valueStart...], as: UTF8.self))
        }
        guard result.matches == pairs.count else { return nil }
        let values = result.values(separator: appendSeparator)
        return values.count == maxResults ? values : nil
    }

    private static func bytes(_ bytes: [UInt8], at index: Int, match delimiter: [UInt8]) -> Bool {
        !delimiter.isEmpty && index + delimiter.count <= bytes.count && bytes[index..<(index + delimiter.count)].elementsEqual(delimiter)
    }

    private static func indexOfOpen(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), bytes[index + 1] == UInt8(ascii: "{") { return index }
            index += 1
        }
        return nil
    }

    /// A character Java's `.` does not match without DOTALL.
    private static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}

/// Collects values during a match the way Elasticsearch's `DissectMatch` does.
private struct Accumulator {
    private(set) var matches = 0
    private var simple: [String: String] = [:]
    private let referenceNames: [String]
    private var referenceKeys: [String: String] = [:]
    private var referenceValues: [String: String] = [:]
    private var appendNames: [String] = []
    private var appended: [String: [(value: String, order: Int)]] = [:]
    /// Appends without `/n` sort before ordered ones, in the order met.
    private var implicitOrder = -1000

    init(referenceNames: [String]) {
        self.referenceNames = referenceNames
    }

    mutating func add(_ key: DissectKey, _ value: String) {
        matches += 1
        guard !key.skip else { return }
        switch key.modifier {
        case .none:
            simple[key.name] = value
        case .append:
            append(key.name, value, order: implicitOrder)
            implicitOrder += 1
        case .appendWithOrder:
            append(key.name, value, order: key.appendPosition)
        case .fieldName:
            referenceKeys[key.name] = value
        case .fieldValue:
            referenceValues[key.name] = value
        case .namedSkip:
            break
        }
    }

    private mutating func append(_ name: String, _ value: String, order: Int) {
        if appended[name] == nil { appendNames.append(name) }
        appended[name, default: []].append((value, order))
    }

    /// Simple values, then reference pairs, then appends (later ones overwrite, as in Elasticsearch).
    func values(separator: String) -> [String: String] {
        var result = simple
        for name in referenceNames {
            if let key = referenceKeys[name], let value = referenceValues[name] { result[key] = value }
        }
        for name in appendNames {
            let parts = (appended[name] ?? []).enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }
            result[name] = parts.map(\.element.value).joined(separator: separator)
        }
        return result
    }
}
