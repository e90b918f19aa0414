internal import Foundation
internal import TriageEval

/// Writes a line to standard error, after what was printed to standard output, with control characters and
/// bidirectional overrides neutralised (``TerminalText``): error lines carry provider bodies and case ids.
public func printError(_ line: String) {
    fflush(nil)
    FileHandle.standardError.write(Data((TerminalText.neutralized(line) + "\n").utf8))
}
