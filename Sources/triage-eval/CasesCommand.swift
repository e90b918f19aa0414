import CommandSupport
import ArgumentParser
import Foundation
import TriageEvalReports
import TriageEval
import TriageEvalEngine
import TriageEvalStore

struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Import, list, export and remove labeled cases.",
        discussion: """
            The case set is every case of the config's cases directory and of every other file imported with \
            `cases import PATH` (while the file exists), minus the cases removed with `cases remove`. \
            `cases list` shows exactly the cases `run`, `render` and `try` use.
            """,
        subcommands: [Import.self, List.self, Export.self, Remove.self, FromAlerts.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import case files (YAML, or JSONL as `cases export --format jsonl` writes), or a dataset (one case per NDJSON line, with a mapping), into the case set (idempotent; a changed case becomes a new revision).",
            discussion: """
                A bad file is reported with file, line and field, and nothing is imported (exit 2). A file outside the cases \
                directory stays in the case set while it exists. A dataset's mapping (`--mapping FILE`, or the field flags) is \
                recorded with the file: later syncs and re-imports read it the same way until another mapping is given.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Files or directories (default: the config's cases directory); one file with a mapping.", valueName: "PATH"))
        var paths: [String] = []

        @Option(help: ArgumentHelp("The dataset mapping (YAML: id_field, label_field, tp_values, fp_values, skip_values, scenario_field, document_field, index).", valueName: "FILE"))
        var mapping: String?

        @Option(help: ArgumentHelp("Dataset: the case id's dotted field path.", valueName: "PATH"))
        var idField: String?

        @Option(help: ArgumentHelp("Dataset: the label's dotted field path.", valueName: "PATH"))
        var labelField: String?

        @Option(help: ArgumentHelp("Dataset: label values meaning TP, comma-separated (default TP).", valueName: "V,…"))
        var tpValues: [String] = []

        @Option(help: ArgumentHelp("Dataset: label values meaning FP, comma-separated (default FP).", valueName: "V,…"))
        var fpValues: [String] = []

        @Option(help: ArgumentHelp("Dataset: label values making a draft (not labeled yet), comma-separated; `null` is JSON null.", valueName: "V,…"))
        var skipValues: [String] = []

        @Option(help: ArgumentHelp("Dataset: the scenario's field path (default: the file's name).", valueName: "PATH"))
        var scenarioField: String?

        @Option(help: ArgumentHelp("Dataset: the document's field path, a _source or a hit (default: the whole line).", valueName: "PATH"))
        var documentField: String?

        @Option(help: ArgumentHelp("Dataset: the index documents live in, unless a hit names its _index.", valueName: "NAME"))
        var index: String?

        /// The dataset mapping the options give, or nil for case files.
        func datasetMapping() throws -> DatasetMapping? {
            let flagged = idField != nil || labelField != nil || !tpValues.isEmpty || !fpValues.isEmpty || !skipValues.isEmpty
                || scenarioField != nil || documentField != nil || index != nil
            if let mapping {
                if flagged { throw ValidationError("give --mapping or the dataset field flags, not both") }
                guard let data = FileManager.default.contents(atPath: mapping) else { throw InputError(file: mapping, message: "cannot read the mapping file") }
                return try DatasetMapping.parseYAML(String(decoding: data, as: UTF8.self), file: mapping)
            }
            guard flagged else { return nil }
            guard let idField, let labelField else { throw ValidationError("a dataset needs --id-field and --label-field (or --mapping FILE)") }
            func list(_ values: [String], _ fallback: [String]) -> [String] {
                let items = values.flatMap { $0.split(separator: ",").map(String.init) }
                return items.isEmpty ? fallback : items
            }
            let result = DatasetMapping(
                idField: idField, labelField: labelField, tpValues: list(tpValues, ["TP"]), fpValues: list(fpValues, ["FP"]),
                skipValues: list(skipValues, []), scenarioField: scenarioField, documentField: documentField, index: index
            )
            if let problem = result.problem { throw ValidationError("--\(problem.field.replacingOccurrences(of: "_", with: "-")): \(problem.message)") }
            return result
        }

        func run() async throws {
            let mapping = try datasetMapping()
            if mapping != nil, paths.count != 1 { throw ValidationError("a dataset mapping applies to exactly one file") }
            let (workspace, store) = try global.open()
            let synced = try await CaseFileSync(workspace: workspace, store: store).sync(paths, mapping: mapping)
            let summary = synced.summary
            print("\(synced.cases.count) cases: \(summary.added.count) added, \(summary.revised.count) revised, \(summary.unchanged.count) unchanged")
            for id in summary.revised { print("  revised: \(id)") }
            if let note = synced.draftNote { print(note) }
        }
    }

    enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    /// The case-set filters `cases list` and `cases export` take.
    struct Filters: ParsableArguments {
        @Option(name: .customLong("scenario"), help: ArgumentHelp("Only this scenario, any letter case (repeatable).", valueName: "S"))
        var scenarios: [String] = []

        @Option(name: .customLong("case"), help: ArgumentHelp("Only this case id (repeatable).", valueName: "ID"))
        var caseIDs: [String] = []

        @Option(name: .customLong("tag"), help: ArgumentHelp("Only cases with this tag (repeatable).", valueName: "TAG"))
        var tags: [String] = []

        @Option(help: "Only this label: TP or FP.")
        var label: String?

        /// The selected cases of the case set (synced with the case files first).
        func cases(_ workspace: Workspace, _ store: Store) async throws -> [StoredCase] {
            var labelFilter: Label?
            if let label {
                guard let parsed = Label(rawValue: label.uppercased()) else { throw ValidationError("--label must be TP or FP") }
                labelFilter = parsed
            }
            let (cases, synced) = try await CaseFileSync(workspace: workspace, store: store).caseSet()
            if let note = synced.draftNote { printError("note: \(note)") }
            return try CaseSelection(scenarios: scenarios, caseIDs: caseIDs, tags: tags, label: labelFilter).apply(cases)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the case set (latest revision of each): the cases `run` plans.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var filters: Filters

        @Option(help: "Output format.")
        var format: ListFormat = .table

        func run() async throws {
            let (workspace, store) = try global.open()
            let cases = try await filters.cases(workspace, store)
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
                print(table.rows.isEmpty ? "no cases; add case files to \(workspace.config.cases)/ or run `triage-eval cases import PATH`" : table.render())
                if !cases.isEmpty { print("\(cases.count) case\(cases.count == 1 ? "" : "s")") }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take cases out of the case set: no longer listed or planned (past runs keep their results).",
            discussion: "A removed case comes back when a file defining it is imported again with `cases import PATH`."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Case ids.", valueName: "ID"))
        var ids: [String]

        func run() async throws {
            let (workspace, store) = try global.open()
            let (cases, _) = try await CaseFileSync(workspace: workspace, store: store).caseSet()
            let known = Set(cases.map(\.item.id))
            if let unknown = ids.first(where: { !known.contains($0) }) {
                throw UsageError("unknown case \"\(unknown)\"; see `triage-eval cases list`")
            }
            try await store.removeCases(ids)
            print("removed \(ids.count) case\(ids.count == 1 ? "" : "s") from the case set: \(ids.joined(separator: ", "))")
        }
    }

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case yaml, jsonl }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the case set (latest revisions) as YAML or JSONL (`cases import` reads both).")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Output format.")
        var format: ExportFormat = .yaml

        @OptionGroup var filters: Filters

        func run() async throws {
            let (workspace, store) = try global.open()
            let cases = try await filters.cases(workspace, store).map(\.item)
            switch format {
            case .yaml: Terminal.data(try CaseYAMLWriter.yaml(cases))
            case .jsonl: Terminal.data(cases.map { $0.canonicalJSON() + "\n" }.joined())
            }
        }
    }
}
