/// Writes text as an ES|QL `"…"` string literal: `\` `"` and line breaks and tabs escaped, so the
/// lexer reads back exactly the same text.
public enum EsqlStringLiteral {
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
