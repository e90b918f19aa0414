import CommandSupport
import ArgumentParser
import Foundation
import TriageEval
import TriageEvalEngine

extension PromptsCommand {
    struct ExportEsql: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-esql",
            abstract: "Print a prompt version's `| eval instructions = \"…\"` ES|QL line, or a rule file updated with it.",
            discussion: "With --rule, prints (or writes to --out) the rule with the instructions line and the inference id replaced; every other line is byte-identical."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The prompt version.", valueName: "ID@VERSION"))
        var prompt: String

        @Option(help: ArgumentHelp("A rule file to update.", valueName: "RULE.toml"))
        var rule: String?

        @Option(name: .customLong("inference-id"), help: ArgumentHelp("The inference id for the rule's COMPLETION (default: the prompt's rule's, else unchanged).", valueName: "ID"))
        var inferenceID: String?

        @Option(help: ArgumentHelp("Write the updated rule here instead of standard output.", valueName: "FILE"))
        var out: String?

        func run() async throws {
            let (workspace, store) = try global.open()
            let prompts = try await PromptCatalog(workspace: workspace, store: store).all()
            guard let version = prompts.first(where: { $0.key == prompt }) else {
                throw UsageError("unknown prompt \"\(prompt)\"; known: \(prompts.map(\.key).joined(separator: ", "))")
            }
            let instructions = try RuleExport.instructions(of: version)
            guard let rule else {
                Terminal.data(RuleExport.instructionsLine(instructions) + "\n")
                return
            }
            guard let text = try? String(contentsOfFile: rule, encoding: .utf8) else {
                throw InputError(file: rule, message: "cannot read the rule file")
            }
            let updated = try RuleExport.rewrite(
                ruleText: text, file: rule, instructions: instructions, inferenceID: inferenceID ?? version.rule?.rule.inferenceID
            )
            if let out {
                do {
                    try updated.write(toFile: out, atomically: true, encoding: .utf8)
                } catch {
                    throw InputError(file: out, message: "cannot write: \(error.localizedDescription)")
                }
            } else {
                Terminal.data(updated)
            }
        }
    }
}
