/// One `%{…}` key of a dissect pattern: its name and modifiers, parsed exactly as
/// Elasticsearch's `DissectKey` does (including the quirks of its Java regular expressions).
struct DissectKey: Sendable, Hashable {
    enum Modifier: Sendable, Hashable {
        /// `%{name}`
        case none
        /// `%{+name/2}`
        case appendWithOrder
        /// `%{+name}`
        case append
        /// `%{*name}`: the value becomes a result key.
        case fieldName
        /// `%{&name}`: the value of the key named by the matching `*name`.
        case fieldValue
        /// `%{?name}`
        case namedSkip
    }

    var modifier: Modifier
    var name: String
    /// The value is discarded (`%{}`, `%{?name}`, `%{->}`).
    var skip: Bool
    /// `->`: repeated delimiters right of the key are skipped.
    var skipRightPadding: Bool
    /// The `/n` of `%{+name/n}`, else 0.
    var appendPosition: Int

    /// Parses the text between `%{` and `}`.
    init(_ raw: String, pattern: String) throws(DissectPatternError) {
        let scalars = Array(raw.unicodeScalars)
        modifier = try Self.findModifier(scalars, raw: raw, pattern: pattern)
        skipRightPadding = false
        appendPosition = 0
        skip = scalars.isEmpty
        switch modifier {
        case .none:
            // ^(.*?)(->)?$
            let end = Self.lazyNameEnd(scalars, from: 0)
            name = Self.string(scalars[0..<end.nameEnd])
            skipRightPadding = end.padding
            skip = name.isEmpty
        case .namedSkip, .append, .fieldName, .fieldValue:
            // ([+*&?])(.*?)(->)?$ with find(): starts at the first of those characters.
            let start = (scalars.firstIndex { "+*&?".unicodeScalars.contains($0) } ?? -1) + 1
            let end = Self.lazyNameEnd(scalars, from: start)
            name = Self.string(scalars[start..<end.nameEnd])
            skipRightPadding = end.padding
            if modifier == .namedSkip { skip = true }
        case .appendWithOrder:
            // [+](.*?)(/)([0-9]+)(->)?$ with find().
            guard let plus = scalars.firstIndex(of: "+"),
                  let slash = scalars[plus...].firstIndex(of: "/")
            else {
                throw DissectPatternError(pattern: pattern, reason: "key %{\(raw)}: '/n' ordering needs the '+' append modifier")
            }
            var digitsEnd = slash + 1
            while digitsEnd < scalars.count, ("0"..."9").contains(scalars[digitsEnd]) { digitsEnd += 1 }
            let padded = Self.hasArrow(scalars, at: digitsEnd) && Self.isJavaEnd(scalars, digitsEnd + 2)
            guard digitsEnd > slash + 1, padded || Self.isJavaEnd(scalars, digitsEnd) else {
                throw DissectPatternError(pattern: pattern, reason: "key %{\(raw)}: '/' must be followed by an order number and nothing else")
            }
            // Java: Short.valueOf
            var position = 0
            for digit in scalars[(slash + 1)..<digitsEnd] {
                position = position * 10 + Int(digit.value - 48)
                guard position <= Int(Int16.max) else {
                    throw DissectPatternError(pattern: pattern, reason: "key %{\(raw)}: append order exceeds \(Int16.max)")
                }
            }
            name = Self.string(scalars[(plus + 1)..<slash])
            skipRightPadding = padded
            appendPosition = position
        }
        if name.isEmpty, !skip {
            throw DissectPatternError(pattern: pattern, reason: "key %{\(raw)}: the key name could not be determined")
        }
    }

    /// The same key with another modifier (a plain key that shares its name with an append key).
    init(_ key: DissectKey, modifier: Modifier) {
        self = key
        self.modifier = modifier
    }

    /// At most one of `/ + * & ?`, except `+` followed by `/`.
    private static func findModifier(_ scalars: [Unicode.Scalar], raw: String, pattern: String) throws(DissectPatternError) -> Modifier {
        var modifier = Modifier.none
        var count = 0
        for scalar in scalars {
            let found: Modifier
            switch scalar {
            case "/": found = .appendWithOrder
            case "+": found = .append
            case "*": found = .fieldName
            case "&": found = .fieldValue
            case "?": found = .namedSkip
            default: continue
            }
            count += 1
            if count > 1, !(modifier == .append && found == .appendWithOrder) {
                throw DissectPatternError(pattern: pattern, reason: "key %{\(raw)}: multiple modifiers are not allowed")
            }
            modifier = found
        }
        return modifier
    }

    /// Where a lazy `(.*?)(->)?$` starting at `start` stops, and whether `->` was taken.
    private static func lazyNameEnd(_ scalars: [Unicode.Scalar], from start: Int) -> (nameEnd: Int, padding: Bool) {
        var end = start
        while end < scalars.count {
            if hasArrow(scalars, at: end), isJavaEnd(scalars, end + 2) { return (end, true) }
            if isJavaEnd(scalars, end) { return (end, false) }
            end += 1
        }
        return (scalars.count, false)
    }

    private static func hasArrow(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        index + 1 < scalars.count && scalars[index] == "-" && scalars[index + 1] == ">"
    }

    /// Java's `$` without MULTILINE: the end of input, or just before a final line terminator
    /// (`\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029).
    private static func isJavaEnd(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        let count = scalars.count
        if index == count { return true }
        if index == count - 1 {
            let last = scalars[index]
            if last == "\n" { return !(index > 0 && scalars[index - 1] == "\r") }
            return last == "\r" || last == "\u{85}" || last == "\u{2028}" || last == "\u{2029}"
        }
        if index == count - 2 { return scalars[index] == "\r" && scalars[index + 1] == "\n" }
        return false
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}
