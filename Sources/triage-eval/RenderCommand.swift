import CommandSupport
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
        discussion: """
            The case comes from the case set (`cases list`), synced with the case files first, so edits show. A prompt \
            with a system part prints it between `--- system ---` and `--- user ---` lines, as in the prompt file. Output \
            has no trailing newline added. For a rule over a case with documents, the execution (documents → each \
            command's rows → rows reaching COMPLETION) goes to stderr and each row's prompt to stdout, after a \
            `--- row KEY` line when there are several. Control characters (other than newline and tab) and bidirectional \
            overrides are shown escaped as \\u{1B} (a note on standard error says how many): the model receives them raw. \
            For a template over a case with documents, standard error also gets the context-loss lint: `.get` fields that \
            came out None (the dotted-key trap) and evidence values (command lines, paths) cut by a truncation or never shown.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The prompt version.", valueName: "ID@VERSION"))
    var prompt: String

    @Option(name: .customLong("case"), help: ArgumentHelp("The case id.", valueName: "CASE_ID"))
    var caseID: String

    func run() async throws {
        let (workspace, store) = try global.open()
        let resolved = try await Trial.render(prompt: prompt, caseID: caseID, workspace: workspace, store: store)
        if let trace = resolved.trace { printError(trace.hasSuffix("\n") ? String(trace.dropLast()) : trace) }
        var rendered: String
        if resolved.calls.count > 1 {
            rendered = resolved.calls.map { "--- row \($0.key)\n\($0.text)" }.joined(separator: "\n") + "\n"
        } else {
            rendered = resolved.text
        }
        if let system = resolved.system {
            rendered = "--- system ---\n\(system)\n--- user ---\n\(rendered)"
        }
        Terminal.standardOutput(rendered)
        if isatty(STDOUT_FILENO) == 1 { print() }
        if let loss = resolved.contextLoss { printError("context loss:\n" + ContextLossText.render(loss)) }
        let escaped = TerminalText.unsafeCount(in: rendered)
        if escaped > 0 {
            printError("note: \(escaped) control or bidirectional character\(escaped == 1 ? " is" : "s are") shown escaped as \\u{…}; the model receives \(escaped == 1 ? "it" : "them") raw")
        }
    }
}
