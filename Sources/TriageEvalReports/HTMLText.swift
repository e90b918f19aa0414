internal import TriageEval

/// Escaping for text and attribute values in HTML and XML, where alert fields are attacker-controlled.
public enum HTMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'`, so the result is inert in element content and in quoted attribute
    /// values. Characters XML 1.0 forbids (C0 controls other than tab, newline and return; DEL; U+FFFE, U+FFFF)
    /// become U+FFFD, so JUnit XML stays well-formed. Bidirectional overrides and isolates are shown as
    /// `\u{202E}` instead of reordering the text around them.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if TerminalText.isBidiControl(scalar) {
                    result += TerminalText.visible(scalar)
                } else if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
