import ArgumentParser
import Foundation
import TriageEvalReports
import TriageEval
import TriageEvalEngine
import TriageEvalStore

struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Import, list and export labeled cases.",
        subcommands: [Import.self, List.self, Export.self, FromAlerts.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import case YAML files into the store (idempotent; a changed case becomes a new revision).",
            discussion: "A bad file is reported with file, line and field, and nothing is imported (exit 2)."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Files or directories (default: the config's cases directory).", valueName: "PATH"))
        var paths: [String] = []

        func run() async throws {
            let (workspace, store) = try global.open()
            let synced = try await CaseFileSync(workspace: workspace, store: store).sync(paths)
            let summary = synced.summary
            print("\(synced.cases.count) cases: \(summary.added.count) added, \(summary.revised.count) revised, \(summary.unchanged.count) unchanged")
            for id in summary.revised { print("  revised: \(id)") }
        }
    }

    enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stored cases (latest revision of each).")

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("scenario"), help: ArgumentHelp("Only this scenario (repeatable).", valueName: "S"))
        var scenarios: [String] = []

        @Option(help: "Only this label: TP or FP.")
        var label: String?

        @Option(help: "Output format.")
        var format: ListFormat = .table

        func run() async throws {
            var labelFilter: Label?
            if let label {
                guard let parsed = Label(rawValue: label.uppercased()) else { throw ValidationError("--label must be TP or FP") }
                labelFilter = parsed
            }
            let (_, store) = try global.open()
            let cases = try await store.currentCases(scenarios: scenarios, label: labelFilter)
            switch format {
            case .json:
                Terminal.data("[" + cases.map { $0.item.canonicalJSON() }.joined(separator: ",\n") + "]\n")
            case .table:
                var table = TextTable(header: ["id", "label", "scenario", "entity", "rev", "tags"])
                table.rightAligned = [4]
                for stored in cases {
                    let item = stored.item
                    table.rows.append([item.id, item.label.rawValue, item.scenario, item.entity.map { "\($0.type.rawValue):\($0.name)" } ?? "-", "\(stored.revision)", item.tags.joined(separator: ",")])
                }
                print(table.rows.isEmpty ? "no cases stored; run `triage-eval cases import`" : table.render())
                if !cases.isEmpty { print("\(cases.count) cases") }
            }
        }
    }

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case yaml, jsonl }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the stored cases (latest revisions) as YAML or JSONL.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Output format.")
        var format: ExportFormat = .yaml

        @Option(name: .customLong("scenario"), help: ArgumentHelp("Only this scenario (repeatable).", valueName: "S"))
        var scenarios: [String] = []

        func run() async throws {
            let (_, store) = try global.open()
            let cases = try await store.currentCases(scenarios: scenarios).map(\.item)
            switch format {
            case .yaml: Terminal.data(try CaseYAMLWriter.yaml(cases))
            case .jsonl: Terminal.data(cases.map { $0.canonicalJSON() + "\n" }.joined())
            }
        }
    }
}
