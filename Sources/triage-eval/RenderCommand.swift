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
            The case is read from the case files (so unimported edits show). Output has no trailing newline added. \
            For a rule over a case with documents, the execution (documents → each command's rows → rows reaching \
            COMPLETION) goes to stderr and each row's prompt to stdout, after a `--- row KEY` line when there are several.
            """
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
        if let rule = version.rule, let documents = item.documents {
            let execution = try rule.execution(item)
            FileHandle.standardError.write(Data((execution?.trace(documents: documents) ?? "").utf8))
            let calls = try version.calls(for: item)
            guard !calls.isEmpty else { throw UsageError("\(prompt) does not judge case \(caseID): \(execution?.notJudgedReason ?? "no row reached COMPLETION")") }
            for call in calls {
                if calls.count > 1 { FileHandle.standardOutput.write(Data("--- row \(call.key)\n".utf8)) }
                FileHandle.standardOutput.write(Data(call.text.utf8))
                if calls.count > 1 || isatty(STDOUT_FILENO) == 1 { print() }
            }
            return
        }
        guard version.accepts(item) else {
            throw UsageError("\(prompt) does not judge case \(caseID) (another entity kind, or the rule's own WHERE drops it before COMPLETION)")
        }
        FileHandle.standardOutput.write(Data(version.render(CaseContext(item)).utf8))
        if isatty(STDOUT_FILENO) == 1 { print() }
    }
}
