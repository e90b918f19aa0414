internal import Foundation

/// Java regular expressions as `REPLACE` uses them (`Pattern.compile(regex).matcher(str).replaceAll(newStr)`),
/// run on ICU (`NSRegularExpression`), whose syntax for what the rules use — `(?i)`, classes, groups,
/// alternation, `{n,}` — is Java's. Both index UTF-16, so match positions agree.
///
/// The replacement follows `Matcher.appendReplacement`: `$n` is group n (further digits are taken while
/// the number stays a group of the pattern), `${name}` a named group, `\x` the character x; a group
/// that did not take part adds nothing. A malformed replacement (`$` not followed by a group, a trailing
/// `\`) makes `REPLACE` null (ES|QL warns); a group the pattern does not have fails the query.
enum EsqlJavaRegex {
    static func compile(_ pattern: String, line: Int) throws(EsqlError) -> NSRegularExpression {
        if let cached = cache.regex(pattern) { return cached }
        do {
            let regex = try NSRegularExpression(pattern: pattern)
            cache.store(regex, for: pattern)
            return regex
        } catch {
            throw EsqlError(line: line, "invalid regular expression \(EsqlStringLiteral.quote(pattern))")
        }
    }

    /// Compiled patterns by text (a rule applies the same few regexes to every row); matching on a shared
    /// `NSRegularExpression` is thread-safe.
    static let cache = RegexCache()

    final class RegexCache: @unchecked Sendable {
        private let lock = NSLock()
        private var compiled: [String: NSRegularExpression] = [:]

        func regex(_ pattern: String) -> NSRegularExpression? { lock.withLock { compiled[pattern] } }

        func store(_ regex: NSRegularExpression, for pattern: String) {
            lock.withLock {
                if compiled.count >= 512 { compiled.removeAll() }
                compiled[pattern] = regex
            }
        }
    }

    /// `str` with every match of `regex` replaced; nil where ES|QL gives null.
    static func replaceAll(_ text: String, _ pattern: String, _ replacement: String, line: Int) throws(EsqlError) -> String? {
        let regex = try compile(pattern, line: line)
        let source = text as NSString
        let matches = regex.matches(in: text, range: NSRange(location: 0, length: source.length))
        guard !matches.isEmpty else { return text }
        var result = ""
        var last = 0
        for match in matches {
            result += source.substring(with: NSRange(location: last, length: match.range.location - last))
            guard let expanded = try expand(replacement, match: match, in: source, regex: regex, line: line) else { return nil }
            result += expanded
            last = match.range.location + match.range.length
        }
        result += source.substring(from: last)
        return result
    }

    /// One match's replacement text, by `Matcher.appendReplacement`'s rules.
    static func expand(_ replacement: String, match: NSTextCheckingResult, in source: NSString, regex: NSRegularExpression, line: Int) throws(EsqlError) -> String? {
        let chars = Array(replacement.unicodeScalars)
        var out = ""
        var i = 0
        func group(_ range: NSRange) -> String { range.location == NSNotFound ? "" : source.substring(with: range) }
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                i += 1
                guard i < chars.count else { return nil }
                out.unicodeScalars.append(chars[i])
                i += 1
            } else if c == "$" {
                i += 1
                guard i < chars.count else { return nil }
                if chars[i] == "{" {
                    guard let close = chars[i...].firstIndex(of: "}") else { return nil }
                    let name = String(String.UnicodeScalarView(chars[(i + 1)..<close]))
                    guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else { return nil }
                    let range = match.range(withName: name)
                    guard regex.pattern.contains("(?<\(name)>") else { throw EsqlError(line: line, "REPLACE: no group named \(name) in the regex") }
                    out += group(range)
                    i = close + 1
                } else {
                    guard let first = chars[i].properties.numericType != nil ? Int(String(chars[i])) : nil, ("0"..."9").contains(chars[i]) else { return nil }
                    var number = first
                    i += 1
                    while i < chars.count, ("0"..."9").contains(chars[i]), let digit = Int(String(chars[i])), number * 10 + digit <= regex.numberOfCaptureGroups {
                        number = number * 10 + digit
                        i += 1
                    }
                    guard number <= regex.numberOfCaptureGroups else { throw EsqlError(line: line, "REPLACE: no group \(number) in the regex") }
                    out += group(match.range(at: number))
                }
            } else {
                out.unicodeScalars.append(c)
                i += 1
            }
        }
        return out
    }
}
