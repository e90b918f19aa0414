/// Escaping for text that goes into Markdown, where alert fields are attacker-controlled.
///
/// After escaping, a command line cannot end a table cell (`|`), open code spans (`` ` ``),
/// inject HTML (`<script>`, `</td>`), make links or emphasis, or @-mention people in a PR comment.
public enum MarkdownText {
    /// Escapes `text` for use inside a table cell or a paragraph; newlines become `<br>`.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "|": result += "&#124;"
            case "`": result += "&#96;"
            case "@": result += "&#64;"
            case "\\", "*", "_", "[", "]", "~":
                result += "\\"
                result.unicodeScalars.append(scalar)
            case "\n": if !previousWasCR { result += "<br>" }
            case "\r": result += "<br>"
            case "\t": result += " "
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                    result += "&#\(scalar.value);"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Escapes and shortens to `limit` characters (with an ellipsis), for long command lines in tables.
    public static func cell(_ text: String, limit: Int = 300) -> String {
        text.count > limit ? escape(String(text.prefix(limit))) + "…" : escape(text)
    }
}
