import ArgumentParser
import TriageEval
import TriageEvalEngine
import TriageEvalReports
import TriageEvalStore

extension PromptsCommand {
    struct ImportRule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-rule",
            abstract: "Import an Elastic detection rule (TOML) as a prompt version: its ES|QL renders, calls and decides.",
            discussion: """
                The rule's EVAL … CONCAT chain renders the prompt from a case, its COMPLETION is the model call, and its \
                DISSECT/EVAL/WHERE tail decides whether it alerts. Importing the same text again changes nothing; an edited \
                rule becomes the next version. ES|QL outside the supported subset is an error naming its line (exit 2).
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The rule file.", valueName: "RULE.toml"))
        var rule: String

        @Option(help: ArgumentHelp("The prompt id (default: the file name without .toml).", valueName: "ID"))
        var id: String?

        // Not `--version`: that name is the tool's own version flag, which ArgumentParser answers before any option.
        @Option(name: .customLong("prompt-version"), help: ArgumentHelp("The version (default: v1, then the next vN for an edited rule).", valueName: "V"))
        var version: String?

        func run() async throws {
            let (workspace, store) = try global.open()
            let imported = try await RuleImporter(workspace: workspace, store: store).importRule(path: rule, id: id, version: version)
            let prompt = imported.prompt
            let cases = try await CaseFileSync(workspace: workspace, store: store).caseSet().cases.map(\.item)
            let judged = cases.filter(prompt.accepts).count
            let entityCases = cases.filter { $0.entity?.type == prompt.entity }.count
            print("\(imported.isNew ? "imported" : "unchanged") \(prompt.key): \(prompt.description)")
            if let rule = prompt.rule?.rule {
                print("  rule_id \(rule.ruleID), inference_id \(rule.inferenceID)")
            }
            print("  decision: alert on \(prompt.decision.alertVerdicts.joined(separator: "/")) (\(prompt.decision.verdictCase.rawValue) case) with confidence \(Formatting.rule(prompt.decision))")
            let dropped = entityCases - judged
            print("  judges \(judged) of \(entityCases) \(prompt.entity?.rawValue ?? "") case\(entityCases == 1 ? "" : "s")" + (dropped > 0 ? " (the rule's own WHERE drops the other \(dropped) before COMPLETION)" : ""))
        }
    }
}
