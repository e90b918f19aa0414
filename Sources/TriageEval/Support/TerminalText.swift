/// Text made inert for a terminal. Case fields, model answers and provider error bodies are
/// attacker-controlled: raw, an `ESC [2J` clears the screen, an OSC sequence retitles the window or
/// plants a link, `\r` overwrites a line, and a bidirectional override reorders what is shown.
/// Every character a terminal would act on instead of showing is written as a visible escape.
public enum TerminalText {
    /// Whether `scalar` is a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069): shown, it
    /// would reorder the text around it.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Whether a terminal would act on `scalar` instead of showing it: C0 controls other than newline and
    /// tab (ESC starts every escape and OSC sequence), DEL, C1 controls (`U+009B` is a one-byte CSI) and
    /// bidirectional controls.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00..<0x20, 0x7F, 0x80..<0xA0: true
        default: isBidiControl(scalar)
        }
    }

    /// The visible form of `scalar`: `\u{1B}`, `\u{202E}` (uppercase hex, as Swift writes it).
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u{\(hex.count < 2 ? "0" + hex : hex)}"
    }

    /// `text` with every unsafe character (``isUnsafe(_:)``) replaced by its ``visible(_:)`` form; newlines
    /// and tabs are kept. The one function every line the CLI writes to a terminal goes through.
    public static func neutralized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) { result += visible(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// How many characters ``neutralized(_:)`` would escape in `text`.
    public static func unsafeCount(in text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isUnsafe($1) ? 1 : 0) }
    }
}
