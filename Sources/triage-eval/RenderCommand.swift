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
        discussion: "The case is read from the case files (so unimported edits show). A prompt with a system part prints it between `--- system ---` and `--- user ---` lines, as in the prompt file. Output has no trailing newline added. Control characters (other than newline and tab) and bidirectional overrides are shown escaped as \\u{1B} (a note on standard error says how many): the model receives them raw."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The prompt version.", valueName: "ID@VERSION"))
    var prompt: String

    @Option(name: .customLong("case"), help: ArgumentHelp("The case id.", valueName: "CASE_ID"))
    var caseID: String

    func run() async throws {
        let (workspace, store) = try global.open()
        let prompts = try await PromptCatalog(workspace: workspace, store: store).all()
        guard let version = prompts.first(where: { $0.key == prompt }) else {
            throw UsageError("unknown prompt \"\(prompt)\"; known: \(prompts.map(\.key).joined(separator: ", "))")
        }
        guard let item = try workspace.loadCases().first(where: { $0.id == caseID }) else {
            throw UsageError("unknown case \"\(caseID)\"; see `triage-eval cases list`")
        }
        let missing = version.missingVariables(for: item)
        guard missing.isEmpty else {
            throw UsageError("case \(caseID) gives only alert_summary, but \(prompt) uses \(missing.joined(separator: ", "))")
        }
        guard version.accepts(item) else {
            throw UsageError("\(prompt) does not judge case \(caseID) (another entity kind, or the rule's own WHERE drops it before COMPLETION)")
        }
        let caseContext = CaseContext(item)
        var rendered = version.render(caseContext)
        if let system = version.renderSystem(caseContext) {
            rendered = "--- system ---\n\(system)\n--- user ---\n\(rendered)"
        }
        Terminal.standardOutput(rendered)
        if isatty(STDOUT_FILENO) == 1 { print() }
        let escaped = TerminalText.unsafeCount(in: rendered)
        if escaped > 0 {
            Terminal.standardError("note: \(escaped) control or bidirectional character\(escaped == 1 ? " is" : "s are") shown escaped as \\u{…}; the model receives \(escaped == 1 ? "it" : "them") raw")
        }
    }
}
