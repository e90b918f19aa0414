import ArgumentParser
import CommandSupport
import Foundation
import TriageEvalStore
import TriageEvalReports
import TriageEvalEngine
import TriageEvalProviders
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

            Exit codes: 0 ok · 1 gate failed · 2 usage, configuration or input error (nothing changed) · \
            3 run incomplete (finish with `run --resume ID`) · 4 the tool could not do its job (store locked, \
            corrupt, full or read-only; file system; internal error) · 130/143 run interrupted by Ctrl-C/SIGTERM.
            """,
        version: version,
        subcommands: [
            RunCommand.self, CollectCommand.self, ReportCommand.self, RunsCommand.self, CasesCommand.self, PromptsCommand.self,
            RenderCommand.self, TryCommand.self, DissectCommand.self, EsqlQueryCommand.self, CacheCommand.self, CompareCommand.self, GateCommand.self,
            ResultsCommand.self, VariantsCommand.self, MergeCommand.self,
        ]
    )

    static func main() async {
        Heap.configure()
        CurlSmallBlocks.install()
        await runAndExit()
    }
}
