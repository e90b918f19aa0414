import ArgumentParser
import Foundation
import TriageEvalStore
import TriageEvalReports
import TriageEvalEngine
import TriageEval

/// `triage-eval`: tells detection engineers whether an LLM alert-triage prompt got better or worse.
@main
struct TriageEvalCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "triage-eval",
        abstract: "Evaluate LLM alert-triage prompts the way the detection rule parses and decides.",
        discussion: """
            Labeled TP/FP cases → each prompt version → each model → the rule's own DISSECT and WHERE \
            → precision, recall, calibration and parse failures, per scenario.

            Exit codes: 0 success · 1 gate failed · 2 usage or configuration error · 3 run incomplete.
            """,
        version: version,
        subcommands: [
            RunCommand.self, ReportCommand.self, RunsCommand.self, CasesCommand.self, PromptsCommand.self,
            RenderCommand.self, TryCommand.self, DissectCommand.self, EsqlQueryCommand.self, CacheCommand.self, CompareCommand.self, GateCommand.self,
            ResultsCommand.self,
        ]
    )

    /// Maps errors to the exit-code contract: 2 for usage and input problems (ArgumentParser would say 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withCode: ExitStatus.code(for: error), message: ExitStatus.message(for: error))
        }
    }

    static func exit(withCode code: Int32, message: String?) -> Never {
        if let message, !message.isEmpty {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        Foundation.exit(code)
    }
}
