import CommandSupport
import ArgumentParser
import Foundation
import TriageEval
import TriageEvalEngine
import TriageEvalProviders

struct TryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "try",
        abstract: "Send one prompt × case to one model once and show every step: rendered prompt, raw answer, parses, decision.",
        discussion: """
            The check before a full run (like running the rule's ROW example): one call, no retries, nothing cached or stored. \
            Works with offline models too. Exit 3 when the call fails or the rule cannot decide on the answer.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The prompt version: a prompt file or an imported rule.", valueName: "ID@VERSION"))
    var prompt: String

    @Option(help: ArgumentHelp("A configured model id.", valueName: "ID"))
    var model: String

    @Option(name: .customLong("case"), help: ArgumentHelp("The case id (read from the case files).", valueName: "CASE_ID"))
    var caseID: String

    @Flag(help: "Debug log on standard error (the HTTP exchange); keys are redacted.")
    var verbose = false

    func run() async throws {
        let (workspace, store) = try global.open()
        let logger = DebugLogger.make(verbose: verbose, config: workspace.config)
        let trial = Trial(workspace: workspace, store: store, logger: logger) { model in
            try ProviderFactory.make(model, directory: workspace.directory, configFile: workspace.configFile, logger: verbose ? logger : nil)
        }
        let result = try await trial.run(prompt: prompt, model: model, caseID: caseID)
        print(TrialReport.render(result))
        if result.error != nil || result.evaluation?.isError == true { throw ExitCode(ExitStatus.incomplete) }
    }
}
