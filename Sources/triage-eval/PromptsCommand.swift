import CommandSupport
import ArgumentParser
import Foundation
import TriageEvalStore
import TriageEvalReports
import TriageEval
import TriageEvalEngine

struct PromptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts",
        abstract: "List prompt versions, import and remove detection rules as prompt versions, export a prompt as ES|QL.",
        subcommands: [List.self, Variables.self, ImportRule.self, Remove.self, ExportEsql.self],
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
                    prompt.decision.condition.map { "where \($0)" } ?? Formatting.rule(prompt.decision), String(prompt.sha256.prefix(12)), prompt.description,
                ])
            }
            print(table.render())
        }
    }

    struct Variables: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the variables a prompt template can use.")

        func run() {
            var table = TextTable(header: ["variable", "meaning"])
            table.rows = (CaseContext.catalog + CaseContext.documentCatalog).map { [$0.name, $0.meaning] }
            print(table.render())
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an imported detection rule version: new runs no longer use it (past runs keep reading it).",
            discussion: "A prompt file is removed by deleting it. Importing the same rule text again brings the version back."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The imported rule version.", valueName: "ID@VERSION"))
        var prompt: String

        func run() async throws {
            let (workspace, store) = try global.open()
            let parts = prompt.split(separator: "@", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw UsageError("expected ID@VERSION, got \"\(prompt)\"") }
            if try workspace.loadPrompts().contains(where: { $0.key == prompt }) {
                throw UsageError("\(prompt) is a prompt file in \(workspace.config.prompts)/; delete the file to remove it")
            }
            guard try await store.removeRule(id: parts[0], version: parts[1]) else {
                let rules = try await store.importedRules().map { "\($0.id)@\($0.version)" }
                throw UsageError("no imported rule \(prompt); imported: \(rules.isEmpty ? "none" : rules.joined(separator: ", "))")
            }
            print("removed \(prompt): new runs no longer use it")
        }
    }
}
