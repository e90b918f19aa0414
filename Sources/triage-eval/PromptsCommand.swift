import ArgumentParser
import Foundation
import TriageEvalStore
import TriageEvalReports
import TriageEval
import TriageEvalEngine

struct PromptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts",
        abstract: "List prompt versions, import detection rules as prompt versions, export a prompt as ES|QL.",
        subcommands: [List.self, Variables.self, ImportRule.self, ExportEsql.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List prompt versions with their output format, decision and hash.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (workspace, store) = try global.open()
            var table = TextTable(header: ["prompt", "entity", "output", "verdict case", "threshold", "sha256", "description"])
            for prompt in try await PromptCatalog(workspace: workspace, store: store).all() {
                let output: String
                switch prompt.output.format {
                case .dissect: output = prompt.rule == nil ? "dissect" : "rule (ES|QL)"
                case .json: output = "json"
                }
                table.rows.append([
                    prompt.key, prompt.entity?.rawValue ?? "any", output, prompt.decision.verdictCase.rawValue,
                    Formatting.rule(prompt.decision), String(prompt.sha256.prefix(12)), prompt.description,
                ])
            }
            print(table.render())
        }
    }

    struct Variables: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the variables a prompt template can use.")

        func run() {
            var table = TextTable(header: ["variable", "meaning"])
            table.rows = CaseContext.catalog.map { [$0.name, $0.meaning] }
            print(table.render())
        }
    }
}
