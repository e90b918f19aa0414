import CommandSupport
import ArgumentParser
import Foundation
import TriageEvalStore
import TriageEvalReports
import TriageEvalEngine
import TriageEval
import EsqlEngine

struct DissectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dissect",
        abstract: "Apply an Elasticsearch DISSECT pattern to text, as ES|QL would.",
        discussion: """
            Prints the extracted keys as a JSON object. When the pattern does not match, prints null and exits 1; \
            when the pattern itself is malformed, exits 2 with the reason. Reads standard input when TEXT is absent \
            (the whole input, newlines included).
            """
    )

    @Option(help: ArgumentHelp("The DISSECT pattern, e.g. 'verdict=%{verdict} confidence=%{confidence} summary=%{summary}'.", valueName: "P"))
    var pattern: String

    @Option(help: ArgumentHelp("The APPEND_SEPARATOR for %{+key} appends.", valueName: "S"))
    var appendSeparator: String = ""

    @Argument(help: "The text to parse (default: standard input).")
    var text: String?

    func run() throws {
        let dissect: DissectPattern
        do {
            dissect = try DissectPattern(pattern, appendSeparator: appendSeparator)
        } catch {
            throw UsageError("\(error)")
        }
        let input = text ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        guard let fields = dissect.match(input) else {
            print("null")
            throw ExitCode(1)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        Terminal.data(String(decoding: try encoder.encode(fields), as: UTF8.self) + "\n")
    }
}
