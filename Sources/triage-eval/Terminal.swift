import Foundation
import TriageEval

/// This module's `print`: it shadows the standard library's, so every `print` in the CLI goes through
/// ``Terminal/standardOutput(_:)`` and reaches the terminal neutralised (``TerminalText``). Case fields,
/// model answers and provider errors are attacker-controlled; a stray `ESC [2J` must not clear the screen.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Terminal.standardOutput(items.map { "\($0)" }.joined(separator: separator) + terminator)
}

/// The CLI's only writers to standard output and standard error.
enum Terminal {
    /// Writes `text` to standard output with control characters and bidirectional overrides escaped.
    static func standardOutput(_ text: String) {
        Swift.print(TerminalText.neutralized(text), terminator: "")
    }

    /// Writes machine-readable output (JSON, YAML, ES|QL) exactly when standard output is a file or a pipe,
    /// so it re-imports byte for byte; neutralised when a person reads it on a terminal.
    static func data(_ text: String) {
        if isatty(STDOUT_FILENO) == 1 {
            standardOutput(text)
        } else {
            Swift.print(text, terminator: "")
        }
    }

    /// Writes the terminal's own control sequence (the progress line's erase), the one raw write to a terminal.
    static func control(_ sequence: String) {
        FileHandle.standardError.write(Data(sequence.utf8))
    }

    /// Flushes standard output, so what was printed comes before a message on standard error.
    static func flush() {
        fflush(nil)
    }
}
