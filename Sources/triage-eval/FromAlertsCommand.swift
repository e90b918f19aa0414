import CommandSupport
import ArgumentParser
import Foundation
import TriageEval

extension CasesCommand {
    struct FromAlerts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "from-alerts",
            abstract: "Group exported alert documents (NDJSON) into case YAML, as a triage rule's STATS … BY does.",
            discussion: """
                With --rule, the rule's own pre-STATS filters, STATS and post-STATS WHEREs are applied; otherwise the STATS of \
                the bundled host or user rule. Entities not in --label-file are written with `label: null` for an engineer to \
                label; such drafts are skipped by `cases import` until labeled.
                """
        )

        enum GroupBy: String, ExpressibleByArgument, CaseIterable { case host, user }

        @Argument(help: ArgumentHelp("Exported .alerts-security.* documents, one JSON object per line.", valueName: "ALERTS.ndjson"))
        var alerts: String

        @Option(name: .customLong("group-by"), help: "Group by host or user.")
        var groupBy: GroupBy

        @Option(help: ArgumentHelp("A rule whose filters and STATS to apply.", valueName: "RULE.toml"))
        var rule: String?

        @Option(name: .customLong("label-file"), help: ArgumentHelp("YAML: entity name or id → TP|FP or {label, scenario, notes}.", valueName: "FILE"))
        var labelFile: String?

        @Option(help: ArgumentHelp("Write the case YAML here instead of standard output.", valueName: "FILE"))
        var out: String?

        func run() async throws {
            let kind: Entity.Kind = groupBy == .host ? .host : .user
            let documents = try AlertDocuments.parse(try read(alerts), file: alerts)
            var stages: AlertGrouping.Stages
            if let rule {
                let parsed = try DetectionRule(toml: try read(rule), file: rule)
                guard parsed.pipeline.entity == kind else {
                    throw UsageError("\(rule) groups by \(parsed.pipeline.entity?.rawValue ?? "neither host nor user"), not \(kind.rawValue)")
                }
                stages = AlertGrouping.Stages(rule: parsed)
            } else {
                do { stages = try AlertGrouping.Stages(kind: kind) } catch { throw UsageError("built-in STATS: \(error)") }
            }
            let labels = try labelFile.map { file throws in try LabelFileParser.parse(try read(file), file: file) } ?? [:]
            let source = "from-alerts: \(URL(fileURLWithPath: alerts).lastPathComponent)" + (rule.map { " via \(URL(fileURLWithPath: $0).lastPathComponent)" } ?? "")
            let drafts: [AlertGrouping.Draft]
            do {
                drafts = try AlertGrouping.drafts(from: documents, stages: stages, labels: labels, source: source)
            } catch {
                throw InputError(file: rule ?? alerts, message: "evaluating the grouping: \(error)")
            }
            let yaml = try CaseYAMLWriter.yaml(drafts.map(\.item), unlabeled: Set(drafts.filter { !$0.labeled }.map(\.item.id)))
            if let out {
                do { try yaml.write(toFile: out, atomically: true, encoding: .utf8) } catch { throw InputError(file: out, message: "cannot write: \(error.localizedDescription)") }
            } else {
                Terminal.data(yaml)
            }
            let unlabeled = drafts.filter { !$0.labeled }.count
            printError("\(documents.count) alerts → \(drafts.count) \(kind.rawValue) cases (\(unlabeled) with label: null)")
        }

        func read(_ path: String) throws -> String {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw InputError(file: path, message: "cannot read the file") }
            return text
        }
    }
}
