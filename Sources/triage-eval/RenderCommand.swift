import ArgumentParser
import Foundation
import TriageEvalStore
import TriageEvalReports
import TriageEval
import TriageEvalEngine

struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the exact text a model receives for a prompt and a case.",
        discussion: "The case comes from the case set (`cases list`), synced with the case files first, so edits show. Output has no trailing newline added."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The prompt version.", valueName: "ID@VERSION"))
    var prompt: String

    @Option(name: .customLong("case"), help: ArgumentHelp("The case id.", valueName: "CASE_ID"))
    var caseID: String

    func run() async throws {
        let (workspace, store) = try global.open()
        let rendered = try await Trial.render(prompt: prompt, caseID: caseID, workspace: workspace, store: store)
        FileHandle.standardOutput.write(Data(rendered.text.utf8))
        if isatty(STDOUT_FILENO) == 1 { print() }
    }
}
