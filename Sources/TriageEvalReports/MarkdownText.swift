internal import TriageEval

/// Escaping for text that goes into Markdown, where alert fields are attacker-controlled.
///
/// After escaping, a command line cannot end a table cell (`|`), open code spans (`` ` ``),
/// inject HTML (`<script>`, `</td>`), make links or emphasis, @-mention people, reference issues
/// (`#12`) or become a clickable link (`http://…`, `www.…`) in a GitHub comment.
///
/// GitHub finds mentions, issue references and URLs after Markdown is parsed, so backslashes and
/// entities (`&#64;`) do not stop them; an empty HTML comment (``separator``) splits the text where
/// they would start, renders as nothing, and survives copying as plain text.
public enum MarkdownText {
    /// Renders as nothing; splits `@name`, `#12`, `http://` and `www.` so nothing links.
    public static let separator = "<!-- -->"

    /// Escapes `text` for use inside a table cell or a paragraph; newlines become `<br>`. Bidirectional
    /// overrides and isolates read `\u{202E}` (an entity would still apply them); other controls become entities.
    public static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "|": result += "&#124;"
            case "`": result += "&#96;"
            case "@", "#": result += "\(scalar)\(separator)"
            case ":" where follows(scalars, index, "//"): result += "\(separator):"
            case "." where precededByWWW(scalars, index): result += "\(separator)."
            case "\\", "*", "_", "[", "]", "~":
                result += "\\"
                result.unicodeScalars.append(scalar)
            case "\n": if index == 0 || scalars[index - 1] != "\r" { result += "<br>" }
            case "\r": result += "<br>"
            case "\t": result += " "
            default:
                if TerminalText.isBidiControl(scalar) {
                    result += "\\" + TerminalText.visible(scalar)
                } else if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                    result += "&#\(scalar.value);"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// The longest run of backticks in `text`: a code fence one longer cannot be closed from inside.
    public static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// Escapes and shortens to `limit` characters (with an ellipsis), for long command lines in tables.
    public static func cell(_ text: String, limit: Int = 300) -> String {
        text.count > limit ? escape(String(text.prefix(limit))) + "…" : escape(text)
    }

    /// Whether `next` comes right after `scalars[index]`.
    private static func follows(_ scalars: [Unicode.Scalar], _ index: Int, _ next: String) -> Bool {
        let expected = Array(next.unicodeScalars)
        return index + expected.count < scalars.count && Array(scalars[(index + 1)...(index + expected.count)]) == expected
    }

    /// Whether `www` (any case) comes right before `scalars[index]`.
    private static func precededByWWW(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        index >= 3 && scalars[(index - 3)..<index].allSatisfy { $0 == "w" || $0 == "W" }
    }
}
